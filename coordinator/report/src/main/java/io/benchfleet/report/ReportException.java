package io.benchfleet.report;

/**
 * A run directory that cannot be reported on, or a report file that cannot be written. The message
 * is one line that names the file, so the command line can print it as it is. Unchecked like the
 * store's errors: the caller can do nothing but report it.
 */
public final class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(oneLine(message));
    }

    public ReportException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    // SQLite and I/O messages sometimes span lines; the CLI contract is one line per error.
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
