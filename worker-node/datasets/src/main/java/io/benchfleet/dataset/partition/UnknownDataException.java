package io.benchfleet.dataset.partition;

/** A task names a dataset or a split this installation does not know: the task is bad, wherever it runs. */
public final class UnknownDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownDataException(String message) {
        super(message);
    }
}
