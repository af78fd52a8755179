package io.benchfleet.trainer;

import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts ND4J on a thread of its own the moment the trainer starts, while the main thread decodes the task and reads
 * the data partition: loading ND4J's native library (365 MB with oneDNN, whose op registry initialises on load) and
 * OpenBLAS takes 0.5-0.7 s of a trainer's start, the longest step, and needs nothing from the task. Whoever uses
 * ND4J first awaits it; a failure (a native library that does not load) is rethrown there, with its own message,
 * rather than as the bare NoClassDefFoundError a second touch of a failed class gives.
 */
final class BackendStart {

    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private BackendStart() {
    }

    static BackendStart begin() {
        BackendStart start = new BackendStart();
        Thread thread = new Thread(start::load, "nd4j-start");
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    private void load() {
        try {
            Nd4j.getBackend();
            Nd4j.getExecutioner().getCustomOperations();
            started.complete(null);
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
        }
    }

    /** Returns once ND4J is up; throws what stopped it. */
    void await() {
        try {
            started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
    }
}
