package io.benchfleet.trainer;

import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.trainer.network.NetworkFactory;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the trainer reports when its attempt fails. The kind decides what the coordinator does next: nothing for
 * bad input or divergence (the task would fail the same way again), another node for data this one lacks,
 * another try for memory.
 */
final class FailedEvent {

    /**
     * How ND4J's native code says it could not allocate: libnd4j's allocation_exception ("Failed to allocate ...;
     * Requested bytes: [N]"), std::bad_alloc, and CUDA's cudaErrorMemoryAllocation ("out of memory").
     */
    private static final Pattern NATIVE_ALLOCATION_FAILURE = Pattern.compile(
            "failed to allocate|bad_alloc|cudaErrorMemoryAllocation|out of memory", Pattern.CASE_INSENSITIVE);

    /** Enough for any exception that wraps another; a cycle of causes ends here too. */
    private static final int MAX_CAUSES = 16;

    private FailedEvent() {
    }

    static TrainerEvent.Failed of(Throwable failure, MemoryFigures memory) {
        if (failure instanceof DatasetUnavailableException) {
            return new TrainerEvent.Failed(FailureKind.DATA_UNAVAILABLE, messageOf(failure));
        }
        if (failure instanceof DataFileException || failure instanceof Trainer.BadTaskException
                || failure instanceof NetworkFactory.UnsupportedByDl4jException) {
            return new TrainerEvent.Failed(FailureKind.BAD_INPUT, messageOf(failure));
        }
        if (failure instanceof DivergedException) {
            return new TrainerEvent.Failed(FailureKind.DIVERGED, messageOf(failure));
        }
        if (failure instanceof Trainer.WrongBackendException) {
            return new TrainerEvent.Failed(FailureKind.ERROR, messageOf(failure));
        }
        return allocationFailure(failure)
                .map(cause -> new TrainerEvent.Failed(FailureKind.OUT_OF_MEMORY,
                        "out of memory: " + messageOf(cause) + " (" + memory.describe() + ")"))
                .orElseGet(() -> new TrainerEvent.Failed(FailureKind.ERROR, failure.toString()));
    }

    /** The failure itself or the first of its causes that is a failed allocation, on or off the heap. */
    private static Optional<Throwable> allocationFailure(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError
                    || cause.getMessage() != null && NATIVE_ALLOCATION_FAILURE.matcher(cause.getMessage()).find()) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static String messageOf(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }
}
