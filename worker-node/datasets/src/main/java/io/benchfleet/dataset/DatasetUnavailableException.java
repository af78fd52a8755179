package io.benchfleet.dataset;

/** A dataset that is neither on disk nor could be downloaded; the message says what to put where. */
public final class DatasetUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetUnavailableException(String message) {
        super(message);
    }
}
