package io.benchfleet.coordinator.queue;

/** How far a sweep is: every task is in exactly one of these states. */
public record Progress(int done, int running, int failed, int queued) {

    public int total() {
        return done + running + failed + queued;
    }

    public int finished() {
        return done + failed;
    }

    public boolean isComplete() {
        return running == 0 && queued == 0;
    }
}
