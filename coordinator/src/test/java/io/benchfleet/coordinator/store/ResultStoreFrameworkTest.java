package io.benchfleet.coordinator.store;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.rundirectory.ResultsDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What results.db keeps of the framework axis: each task's framework and fraction, what nodes and attempts ran. */
class ResultStoreFrameworkTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final HostInfo HOST = new HostInfo("alpha", "Linux", "Xeon", 2, 1L << 34, "17", List.of());
    private static final TaskSpec DL4J_TASK = new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1,
            new TrainingSettings(1, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    private static final TaskSpec PYTORCH_TASK = new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1,
            new TrainingSettings(1, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)), 0.25, Framework.PYTORCH);

    @TempDir
    Path runDirectory;

    @Test
    void everyTaskHasItsFrameworkTrainFractionAndLearningRate() throws SQLException {
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.addTasks(List.of(DL4J_TASK, PYTORCH_TASK));
        }

        assertThat(rows("SELECT framework, train_fraction, learning_rate FROM tasks WHERE task_id = ?", DL4J_TASK.id()))
                .containsExactly("dl4j", "1.0", "0.001");
        assertThat(rows("SELECT framework, train_fraction FROM tasks WHERE task_id = ?", PYTORCH_TASK.id()))
                .containsExactly("pytorch", "0.25");
    }

    @Test
    void aWorkerNodeRowSaysWhichFrameworksItRunsWithTheirVersionsAndDevices() throws SQLException {
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.addWorker("w-1", HOST, List.of(SlotName.cpu(), SlotName.gpu(0)), List.of(
                    new FrameworkOffer(Framework.DL4J, "1.0.0-M2.1", List.of(Device.CPU)),
                    new FrameworkOffer(Framework.PYTORCH, "1.13.0a0", List.of(Device.CPU, Device.GPU))), AT);
            store.addWorker("w-2", HOST, List.of(SlotName.cpu()), List.of(), AT);
        }

        assertThat(rows("SELECT frameworks FROM workers WHERE worker_id = ?", "w-1"))
                .containsExactly("dl4j 1.0.0-M2.1 (cpu); pytorch 1.13.0a0 (cpu, gpu)");
        assertThat(rows("SELECT frameworks FROM workers WHERE worker_id = ?", "w-2")).containsExactly("");
    }

    @Test
    void aWorkerNodeThatRegistersAgainKeepsItsRowWithWhatItRunsNow() throws SQLException {
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.addWorker("w-1", HOST, List.of(SlotName.cpu()), List.of(), AT);
            store.addWorker("w-1", HOST, List.of(SlotName.cpu()),
                    List.of(new FrameworkOffer(Framework.DL4J, "1.0.0-M2.1", List.of(Device.CPU))), AT.plusSeconds(1));
        }

        assertThat(rows("SELECT frameworks, joined_at FROM workers WHERE worker_id = ?", "w-1"))
                .containsExactly("dl4j 1.0.0-M2.1 (cpu)", AT.plusSeconds(1).toString());
    }

    @Test
    void anAttemptKeepsTheFrameworkVersionAndPartitionHashItsStartedEventGave() throws SQLException {
        Attempt withHash = new Attempt(PYTORCH_TASK.id() + "-a1", PYTORCH_TASK, 1, "w-1", Optional.of(SlotName.cpu()));
        Attempt withoutHash = new Attempt(DL4J_TASK.id() + "-a1", DL4J_TASK, 1, "w-1", Optional.of(SlotName.cpu()));
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.addTasks(List.of(DL4J_TASK, PYTORCH_TASK));
            store.attemptStarted(withHash, AttemptDevice.NONE, AT);
            store.attemptStarted(withoutHash, AttemptDevice.NONE, AT);
            store.record(withHash.id(), PYTORCH_TASK.id(), started(Framework.PYTORCH, "1.13.0a0", "9f86d081"), AT);
            store.record(withoutHash.id(), DL4J_TASK.id(), started(Framework.DL4J, "", ""), AT);
        }

        assertThat(rows("SELECT framework_version, partition_sha256 FROM attempts WHERE attempt_id = ?", withHash.id()))
                .containsExactly("1.13.0a0", "9f86d081");
        assertThat(rows("SELECT framework_version IS NULL, partition_sha256 IS NULL FROM attempts WHERE attempt_id = ?",
                withoutHash.id())).as("an empty value is no value").containsExactly("1", "1");
    }

    private static TrainerEvent.Started started(String framework, String version, String partitionSha256) {
        return new TrainerEvent.Started(TrainerTask.PROTOCOL_VERSION, framework, version, 7, 1, "CPU", List.of(),
                101_770, 1000, 100, 0.8, partitionSha256);
    }

    /** The columns of the one row {@code sql} selects, as text. */
    private List<String> rows(String sql, String key) throws SQLException {
        try (Connection connection = ResultsDatabase.openForReading(runDirectory);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            ResultSet row = statement.executeQuery();
            assertThat(row.next()).as("a row for " + key).isTrue();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                columns.add(row.getString(i));
            }
            return columns;
        }
    }
}
