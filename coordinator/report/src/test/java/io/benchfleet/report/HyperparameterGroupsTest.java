package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep with a batch-size axis (32 and 128) and one learning rate: mlp-small at batch 32 took 20 and 22 s, at
 * batch 128 10 and 12 s; cnn-medium, at its own batch 64, 30 s. Each batch size of mlp-small is a group of its
 * own; cnn-medium's other batch size does not make batch size an axis.
 */
class HyperparameterGroupsTest {

    @TempDir
    Path runDirectory;

    private RunSummary summary;

    @BeforeEach
    void reportOnTwoBatchSizes() throws Exception {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            task(connection, "s1", "mlp-small", 1, 32, 20.0);
            task(connection, "b1", "mlp-small", 1, 128, 10.0);
            task(connection, "s2", "mlp-small", 2, 32, 22.0);
            task(connection, "b2", "mlp-small", 2, 128, 12.0);
            task(connection, "c1", "cnn-medium", 1, 64, 30.0);
        }
        summary = RunReport.write(runDirectory, Optional.of(new Baseline(Map.of("batch-size", "128"))), Map.of());
    }

    @Test
    void makesEachValueOfTheAxisAGroup() {
        assertThat(summary.groups()).extracting(group -> group.key().architecture() + " "
                + group.key().hyperparameters().batchSize() + " " + group.statistics().trainSeconds().orElseThrow().mean())
                .containsExactly("mlp-small 32 21.0", "mlp-small 128 11.0", "cnn-medium 64 30.0");
    }

    @Test
    void namesTheAxisThatSplitsGroupsAndNotTheOnesThatDoNot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleTable.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).contains("batch size").doesNotContain("epochs  ").doesNotContain("learning rate");
        assertThat(lines.get(1)).contains("mlp-small").contains(" 32 ");
        assertThat(lines.get(2)).contains("mlp-small").contains(" 128 ");
    }

    @Test
    void comparesEachBatchSizeWithTheBaselinesOnTheSameOtherValues() {
        assertThat(summary.tables().comparisons()).singleElement().satisfies(comparison -> {
            assertThat(comparison.group().hyperparameters().batchSize()).isEqualTo(32);
            assertThat(comparison.baseline().hyperparameters().batchSize()).isEqualTo(128);
            assertThat(comparison.ratios()).filteredOn(ratio -> ratio.measure().equals("train_seconds")).singleElement()
                    .satisfies(ratio -> assertThat(ratio.ratio()).isEqualTo(21.0 / 11.0));
        });
    }

    @Test
    void neverSetsTwoValuesOfAnAxisSideBySideAsIfTheyWereTwoArchitectures() {
        assertThat(summary.tables().scalability()).noneMatch(step -> step.from().architecture().equals(step.to().architecture()));
    }

    @Test
    void comparesArchitecturesThatComeWithBatchSizesOfTheirOwnWhereNoAxisVariesThem(@TempDir Path other) throws Exception {
        try (Connection connection = ResultsDatabase.openForWriting(other)) {
            task(connection, "m1", "mlp-small", 1, 128, 10.0);
            task(connection, "c1", "cnn-medium", 1, 64, 30.0);
        }
        RunSummary byArchitecture = RunReport.write(other, Optional.of(new Baseline(Map.of("architecture", "mlp-small"))),
                Map.of());

        assertThat(byArchitecture.tables().comparisons()).singleElement().satisfies(comparison -> {
            assertThat(comparison.group().architecture()).isEqualTo("cnn-medium");
            assertThat(comparison.baseline().architecture()).isEqualTo("mlp-small");
        });
    }

    @Test
    void writesTheHyperparametersOfEachTaskInResultsCsv() throws Exception {
        List<String> lines = Files.readAllLines(runDirectory.resolve(RunFiles.RESULTS_CSV));

        assertThat(lines.get(0)).endsWith(",epochs,batch_size,learning_rate");
        assertThat(lines.stream().filter(line -> line.startsWith("s1,"))).singleElement()
                .satisfies(line -> assertThat(line).endsWith(",3,32,0.01"));
    }

    private static void task(Connection connection, String id, String architecture, int repetition, int batchSize,
                             double trainSeconds) throws Exception {
        execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed,"
                + " epochs, batch_size, train_limit, framework, train_fraction, learning_rate) VALUES (?, 'mnist', ?,"
                + " 'cpu', 'standard', 0, ?, 1, 3, ?, 0, 'dl4j', 1.0, 0.01)", id, architecture, repetition, batchSize);
        execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                + " train_samples, test_samples, train_seconds, test_accuracy) VALUES (?, ?, 1, 'w-1', 'cpu',"
                + " 'succeeded', '2025-01-01T10:00:00Z', 60000, 10000, ?, 0.9)", id + "-a1", id, trainSeconds);
    }
}
