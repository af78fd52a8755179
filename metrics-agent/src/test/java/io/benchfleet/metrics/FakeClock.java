package io.benchfleet.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test advances it, or by a fixed step at every read. Thread-safe: the agent
 * reads it on its own thread while the test advances it.
 */
final class FakeClock implements InstantSource {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final Duration stepPerRead;

    private FakeClock(Duration stepPerRead) {
        this.stepPerRead = stepPerRead;
    }

    /** Stands at {@link #START} until {@link #advance}d. */
    static FakeClock stopped() {
        return new FakeClock(Duration.ZERO);
    }

    /** Every read is {@code step} later than the one before, starting at {@link #START}. */
    static FakeClock steppingBy(Duration step) {
        return new FakeClock(step);
    }

    void advance(Duration by) {
        now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(instant -> instant.plus(stepPerRead));
    }
}
