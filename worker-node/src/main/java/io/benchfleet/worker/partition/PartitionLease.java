package io.benchfleet.worker.partition;

import io.benchfleet.protocol.trainer.DataPartition;

import java.util.concurrent.atomic.AtomicBoolean;

/** One attempt's use of a cached partition: the partition stays on disk at least until this is released. */
public final class PartitionLease {

    private final DataPartition partition;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    PartitionLease(DataPartition partition, Runnable onRelease) {
        this.partition = partition;
        this.onRelease = onRelease;
    }

    public DataPartition partition() {
        return partition;
    }

    /** Ends the use; releasing again does nothing. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }
}
