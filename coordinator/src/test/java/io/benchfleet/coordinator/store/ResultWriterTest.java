package io.benchfleet.coordinator.store;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.rundirectory.ResultsDatabase;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The single writer of results.db: a record it cannot write is lost alone; a results.db it cannot write
 * at all stops the sweep; and the end of the sweep comes after every record sent before it is committed.
 */
class ResultWriterTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TrainerEvent FINISHED = new TrainerEvent.Finished(4.0, 500.0, 0.9, 0.3);

    @TempDir
    Path runDirectory;

    private ActorTestKit testKit;
    private final CompletableFuture<ResultStore.UnwritableException> unwritable = new CompletableFuture<>();
    private ActorRef<ResultWriter.Command> writer;

    @BeforeEach
    void startWriter() {
        testKit = ActorTestKit.create();
        writer = testKit.spawn(ResultWriter.create(runDirectory, unwritable));
    }

    @AfterEach
    void stopWriter() {
        testKit.shutdownTestKit();
    }

    private static TaskSpec task(int repetition) {
        return new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, repetition, repetition,
                new TrainingSettings(1, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    }

    private static Attempt attempt(TaskSpec task) {
        return new Attempt(task.id() + "-a1", task, 1, "w-1", Optional.of(SlotName.cpu()));
    }

    private static ResourceSample sample(double seconds) {
        return ResourceSample.builder(seconds).processCpuPercent(100.0).processRssBytes(1000).hostCpuPercent(50.0)
                .hostUsedBytes(4000).hostAvailableBytes(8000).build();
    }

    private void close() {
        TestProbe<Done> closed = testKit.createTestProbe(Done.class);
        writer.tell(new ResultWriter.Close(closed.getRef()));
        closed.expectMessage(WAIT, Done.getInstance());
    }

    @Test
    void aRecordThatCannotBeWrittenIsLostAloneAndTheRecordsAfterItAreKept() throws SQLException {
        TaskSpec task = task(1);
        writer.tell(new ResultWriter.AddTasks(List.of(task)));
        writer.tell(new ResultWriter.AttemptStarted(null, AttemptDevice.NONE, AT));
        writer.tell(new ResultWriter.RecordEvent("no-such-attempt", task.id(), new TrainerEvent.Epoch(1, 1.0, 5.0, 0.5,
                0.8, 0.5, 0.8, 1, 1, 1), AT));
        writer.tell(new ResultWriter.AttemptStarted(attempt(task), AttemptDevice.NONE, AT));
        writer.tell(new ResultWriter.RecordEvent(attempt(task).id(), task.id(), FINISHED, AT));

        close();

        assertThat(statuses()).containsExactly("succeeded");
        assertThat(unwritable).isNotDone();
    }

    @Test
    void theEndOfTheSweepComesAfterEveryFinalEventSentBeforeItIsCommitted() throws SQLException {
        List<TaskSpec> tasks = IntStream.rangeClosed(1, 5).mapToObj(ResultWriterTest::task).toList();
        writer.tell(new ResultWriter.AddTasks(tasks));
        tasks.forEach(task -> writer.tell(new ResultWriter.AttemptStarted(attempt(task), AttemptDevice.NONE, AT)));
        for (int batch = 0; batch < 1000; batch++) {
            TaskSpec task = tasks.get(batch % tasks.size());
            writer.tell(new ResultWriter.AddSamples(attempt(task).id(), task.id(), List.of(sample(batch), sample(batch + 0.5))));
        }
        tasks.forEach(task -> writer.tell(new ResultWriter.RecordEvent(attempt(task).id(), task.id(), FINISHED, AT)));

        close();

        assertThat(statuses()).hasSize(5).containsOnly("succeeded");
        assertThat(count("SELECT COUNT(*) FROM samples")).isEqualTo(2000);
    }

    /** SQLite would go on writing to the removed file's inode, where no resume and no report finds anything. */
    @Test
    void aResultsDbRemovedUnderTheWriterStopsTheSweepAtTheNextRecord() throws Exception {
        TaskSpec task = task(1);
        writer.tell(new ResultWriter.AddTasks(List.of(task)));
        await().atMost(WAIT).until(() -> ResultsDatabase.existsIn(runDirectory));
        removeResultsDb();

        writer.tell(new ResultWriter.AttemptStarted(attempt(task), AttemptDevice.NONE, AT));

        ResultStore.UnwritableException failure = unwritable.get(ResultWriter.FILE_CHECK_INTERVAL.toMillis() / 2,
                TimeUnit.MILLISECONDS);
        assertThat(failure.file()).isEqualTo(ResultsDatabase.fileIn(runDirectory));
        assertThat(failure.reason()).contains("removed");
        testKit.createTestProbe().expectTerminated(writer, WAIT);
    }

    @Test
    void aResultsDbRemovedWhileNothingIsRecordedStopsTheSweepWithinTheCheckInterval() throws Exception {
        await().atMost(WAIT).until(() -> ResultsDatabase.existsIn(runDirectory));
        removeResultsDb();

        ResultStore.UnwritableException failure = unwritable.get(ResultWriter.FILE_CHECK_INTERVAL.multipliedBy(2).toMillis(),
                TimeUnit.MILLISECONDS);
        assertThat(failure.getMessage()).startsWith("cannot write " + ResultsDatabase.fileIn(runDirectory) + ": ");
    }

    @Test
    void aResultsDbReplacedByAnotherFileStopsTheSweep() throws Exception {
        await().atMost(WAIT).until(() -> ResultsDatabase.existsIn(runDirectory));
        Path file = ResultsDatabase.fileIn(runDirectory);
        Files.move(file, runDirectory.resolve("moved.db"));
        Files.writeString(file, "");

        writer.tell(new ResultWriter.AddTasks(List.of(task(1))));

        assertThat(unwritable.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).reason()).contains("replaced");
    }

    private void removeResultsDb() throws IOException {
        Path file = ResultsDatabase.fileIn(runDirectory);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    private List<String> statuses() throws SQLException {
        List<String> statuses = new ArrayList<>();
        try (Connection connection = ResultsDatabase.openForReading(runDirectory);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status FROM attempts ORDER BY attempt_id")) {
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
        }
        return statuses;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = ResultsDatabase.openForReading(runDirectory);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
