package io.benchfleet.dataset.reader;

import java.nio.file.Path;

/**
 * A dataset file that is there but truncated or not in its published format: the task's data is bad, wherever
 * it runs. A file this node cannot find or read is a {@link io.benchfleet.dataset.DatasetUnavailableException}.
 * The message names the file.
 */
public final class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DataFileException(String message) {
        super(message);
    }
}
