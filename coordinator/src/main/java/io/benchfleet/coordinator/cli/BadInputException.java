package io.benchfleet.coordinator.cli;

/** Input the user must fix (a flag, a file, a name): one line on stderr and exit code 2. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
