package io.benchfleet.metrics;

import io.benchfleet.protocol.cluster.ResourceSample;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The samples of one attempt waiting for the next batch. Bounded, so that a very short sampling interval can
 * neither grow the agent's memory nor build a batch too big for a cluster frame: when full it drops the oldest
 * sample, because the newest tell the coordinator what is happening now.
 */
final class SampleBuffer {

    /** What a drain hands over: the samples in the order they were taken, and how many were dropped before them. */
    record Drained(List<ResourceSample> samples, long dropped) {
    }

    private final int capacity;
    private final ArrayDeque<ResourceSample> samples;
    private long dropped;

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
            dropped++;
        }
        samples.addLast(sample);
    }

    Drained drain() {
        Drained drained = new Drained(List.copyOf(samples), dropped);
        samples.clear();
        dropped = 0;
        return drained;
    }
}
