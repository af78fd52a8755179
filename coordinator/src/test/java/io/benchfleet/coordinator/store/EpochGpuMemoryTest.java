package io.benchfleet.coordinator.store;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.report.ResultsReader;
import io.benchfleet.rundirectory.ResultsDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** An epoch's GPU memory from the trainer's line to results.db and back out to a report; NULL for a CPU's epoch. */
class EpochGpuMemoryTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final TaskSpec GPU_TASK = new TaskSpec("mnist", "mlp-small", Device.GPU, "standard", 0, 1, 1,
            new TrainingSettings(2, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    private static final TaskSpec CPU_TASK = new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1,
            new TrainingSettings(2, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));

    @TempDir
    Path runDirectory;

    @Test
    void theStoreRecordsEachEpochsGpuMemoryAndTheReaderReadsItBack() throws Exception {
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.addTasks(List.of(GPU_TASK, CPU_TASK));
            succeed(store, GPU_TASK, SlotName.gpu(0), List.of(epoch(1, Optional.of(3_000_000_000L)),
                    epoch(2, Optional.of(3_200_000_000L))));
            succeed(store, CPU_TASK, SlotName.cpu(), List.of(epoch(1, Optional.empty())));
        }

        assertThat(column("SELECT task_id, epoch, gpu_mem_bytes FROM epochs ORDER BY task_id = '" + CPU_TASK.id()
                + "', epoch")).containsExactly(GPU_TASK.id() + " 1 3000000000", GPU_TASK.id() + " 2 3200000000",
                CPU_TASK.id() + " 1 null");
        try (ResultsReader reader = ResultsReader.open(runDirectory)) {
            assertThat(reader.read().epochs()).extracting(epoch -> epoch.inRun().taskId() + " " + epoch.gpuMemBytes())
                    .containsExactlyInAnyOrder(GPU_TASK.id() + " Optional[3000000000]",
                            GPU_TASK.id() + " Optional[3200000000]", CPU_TASK.id() + " Optional.empty");
        }
    }

    private static TrainerEvent.Epoch epoch(int number, Optional<Long> gpuMemBytes) {
        return new TrainerEvent.Epoch(number, 2.0, 30_000.0, 0.3, 0.9, 0.35, 0.88, 0, 2_000_000_000L, 0, gpuMemBytes);
    }

    private static void succeed(ResultStore store, TaskSpec task, SlotName slot, List<TrainerEvent.Epoch> epochs) {
        Attempt attempt = new Attempt(task.id() + "-a1", task, 1, "w-1", Optional.of(slot));
        store.attemptStarted(attempt, AttemptDevice.NONE, AT);
        epochs.forEach(epoch -> store.record(attempt.id(), task.id(), epoch, AT));
        store.record(attempt.id(), task.id(), new TrainerEvent.Finished(4.0, 30_000.0, 0.88, 0.35), AT);
    }

    private List<String> column(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = ResultsDatabase.openForReading(runDirectory);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
            }
        }
        return rows;
    }
}
