package io.benchfleet.coordinator.store;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.rundirectory.AddedColumns;
import io.benchfleet.rundirectory.RunFiles;
import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.report.RunReport;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A results.db written before the device columns existed: a report reads it, a resume brings it up to date. */
class AddedColumnsTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path runDirectory;

    @BeforeEach
    void writeARunThenDropTheAddedColumns() throws SQLException {
        var task = new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1,
                new TrainingSettings(1, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.putRunValue("sweep_name", "old");
            store.addTasks(List.of(task));
            store.addWorker("w-1", new HostInfo("alpha", "Linux", "Xeon", 2, 1L << 34, "17", List.of()), List.of(SlotName.cpu()), List.of(), AT);
            Attempt attempt = new Attempt(task.id() + "-a1", task, 1, "w-1", Optional.of(SlotName.cpu()));
            store.attemptStarted(attempt, AttemptDevice.NONE, AT);
            store.record(attempt.id(), task.id(), new TrainerEvent.Finished(4.0, 500.0, 0.9, 0.3), AT);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + runDirectory.resolve("results.db"));
             Statement statement = connection.createStatement()) {
            for (AddedColumns.Column column : AddedColumns.ALL) {
                statement.execute("ALTER TABLE " + column.table() + " DROP COLUMN " + column.name());
            }
            assertThat(AddedColumns.missingFrom(connection)).isEqualTo(AddedColumns.ALL);
        }
    }

    @Test
    void aReportReadsTheMissingColumnsAsEmpty() throws Exception {
        RunReport.write(runDirectory, Optional.empty(), Map.of());

        List<String> results = Files.readAllLines(runDirectory.resolve(RunFiles.RESULTS_CSV));
        assertThat(results).hasSize(2);
        assertThat(results.get(1)).contains(",succeeded,").contains(",,,,," + runDirectory.getFileName());
    }

    @Test
    void openingItToWriteAddsThem() throws SQLException {
        ResultStore.open(runDirectory).close();

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + runDirectory.resolve("results.db"))) {
            assertThat(AddedColumns.missingFrom(connection)).isEmpty();
        }
    }
}
