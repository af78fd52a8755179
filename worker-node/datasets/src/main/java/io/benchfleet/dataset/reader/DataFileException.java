package io.benchfleet.dataset.reader;

import java.nio.file.Path;

/** A dataset file that is missing, truncated or not in its published format; the message names the file. */
public final class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DataFileException(String message) {
        super(message);
    }
}
