package io.benchfleet.metrics;

import io.benchfleet.protocol.cluster.ResourceSample;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The samples of one attempt waiting for the next batch. Bounded, so that a very short sampling interval can
 * neither grow the agent's memory nor build a batch too big for a cluster frame: when full it drops the oldest
 * sample, because the newest tell the coordinator what is happening now.
 * <p>
 * Each sample goes out stamped with the attempt's drops so far. The newest sample is never dropped, so the
 * coordinator always receives the running total and the report can show it without a message of its own.
 */
final class SampleBuffer {

    /** What a drain hands over: the samples in the order they were taken, and how many were dropped since the last drain. */
    record Drained(List<ResourceSample> samples, long dropped) {
    }

    private final int capacity;
    private final ArrayDeque<ResourceSample> samples;
    private long droppedSinceDrain;
    private long droppedInAll;

    SampleBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sample buffer capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
    }

    void add(ResourceSample sample) {
        if (samples.size() == capacity) {
            samples.removeFirst();
            droppedSinceDrain++;
            droppedInAll++;
        }
        samples.addLast(sample.withSamplesDropped(droppedInAll));
    }

    Drained drain() {
        Drained drained = new Drained(List.copyOf(samples), droppedSinceDrain);
        samples.clear();
        droppedSinceDrain = 0;
        return drained;
    }
}
