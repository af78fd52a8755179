package io.benchfleet.dataset;

/**
 * A dataset this node has no readable copy of and could not download: the node's problem, not the task's, so
 * another node may run it. The message says what to put where, or which file could not be read.
 */
public final class DatasetUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetUnavailableException(String message) {
        super(message);
    }
}
