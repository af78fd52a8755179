package io.benchfleet.coordinator.store;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.trainer.TrainerEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A run directory's results.db as a coordinator leaves it, for tests of what reads one. */
public final class RecordedRun {

    public static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");

    private RecordedRun() {
    }

    /** The sweep's tasks, of which the first {@code succeeded} each succeeded after {@code seconds}, one after another. */
    public static Path write(Path runDirectory, String sweepName, List<TaskSpec> tasks, int succeeded, double seconds)
            throws IOException {
        Files.createDirectories(runDirectory);
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.putRunValue("sweep_name", sweepName);
            store.putRunValue("started_at", STARTED.toString());
            store.addTasks(tasks);
            Instant at = STARTED;
            for (TaskSpec task : tasks.subList(0, succeeded)) {
                Attempt attempt = new Attempt(task.id() + "-a1", task, 1, "w-1", Optional.of(SlotName.cpu()));
                store.attemptStarted(attempt, AttemptDevice.NONE, at);
                at = at.plusMillis(Math.round(seconds * 1000));
                store.record(attempt.id(), task.id(), new TrainerEvent.Finished(seconds, 100.0, 0.9, 0.3), at);
            }
        }
        return runDirectory;
    }
}
