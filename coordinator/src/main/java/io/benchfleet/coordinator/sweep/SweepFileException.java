package io.benchfleet.coordinator.sweep;

/** A sweep file that cannot run; the message is one line naming the key, the value and what was expected. */
public final class SweepFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepFileException(String message) {
        super(message);
    }

    public SweepFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
