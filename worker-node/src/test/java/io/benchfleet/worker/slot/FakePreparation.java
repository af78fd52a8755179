package io.benchfleet.worker.slot;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.worker.partition.PartitionCache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares a partition as an empty folder with a made-up hash, at once or when the test lets it, or fails as told.
 * Thread-safe: the slots' process threads call it while the test waits.
 */
final class FakePreparation implements PartitionCache.Preparation {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch mayFinish;
    private final Exception failure;
    private final AtomicInteger calls = new AtomicInteger();

    private FakePreparation(CountDownLatch mayFinish, Exception failure) {
        this.mayFinish = mayFinish;
        this.failure = failure;
    }

    static FakePreparation immediate() {
        return new FakePreparation(new CountDownLatch(0), null);
    }

    /** Blocks until {@link #finish()}, as a large dataset keeps a preparation busy. */
    static FakePreparation held() {
        return new FakePreparation(new CountDownLatch(1), null);
    }

    static FakePreparation failing(Exception failure) {
        return new FakePreparation(new CountDownLatch(0), failure);
    }

    static String sha256Of(TaskSpec task) {
        return "sha-of-" + task.partitionKey();
    }

    @Override
    public DataPartition prepare(TaskSpec task, String dataDir, Path target) throws IOException {
        calls.incrementAndGet();
        entered.countDown();
        try {
            mayFinish.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        Files.createDirectory(target);
        return new DataPartition(target.toString(), sha256Of(task), 5, 3, new Shape(1, 28, 28), 10);
    }

    void awaitEntered(Duration wait) throws InterruptedException {
        if (!entered.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no preparation started within " + wait);
        }
    }

    void finish() {
        mayFinish.countDown();
    }

    int calls() {
        return calls.get();
    }
}
