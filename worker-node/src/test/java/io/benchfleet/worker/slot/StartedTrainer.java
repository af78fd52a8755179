package io.benchfleet.worker.slot;

import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A trainer the fake launcher started: the task it was given and its process. */
record StartedTrainer(TrainerTask task, Process process) {

    /** Lets a trainer waiting at {@link TrainerScript#waitsForTheTest()} carry on. */
    void goOn() {
        try {
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the fake trainer is gone", e);
        }
    }

    boolean hasEndedWithin(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
