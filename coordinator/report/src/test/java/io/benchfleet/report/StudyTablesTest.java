package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;

import io.benchfleet.rundirectory.RunFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture sweep plus a third cnn-medium repetition (t6, 34 s), compared with mlp-small as the baseline:
 * cnn-medium train seconds {30, 34}, mlp-small {10, 14}. Expected values are worked out by hand below.
 */
class StudyTablesTest {

    @TempDir
    Path runDirectory;

    private JsonNode report;

    @BeforeEach
    void reportWithABaseline() throws Exception {
        Path database = SweepFixture.create(runDirectory);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition,"
                    + " seed, epochs, batch_size, train_limit, framework, train_fraction)"
                    + " VALUES ('t6', 'fashion-mnist', 'cnn-medium', 'cpu', 'standard', 0, 3, 1, 2, 128, 10000, 'dl4j', 1)");
            execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                    + " params, train_samples, test_samples, train_seconds, samples_per_second, test_accuracy)"
                    + " VALUES ('a6', 't6', 1, 'w-2', 'cpu', 'succeeded', '2025-01-01T10:30:00Z', 421642, 10000, 2000,"
                    + " 34.0, 290.0, 0.92)");
        }
        RunReport.write(runDirectory, Optional.of(new Baseline(Map.of("architecture", "mlp-small"))), Map.of());
        report = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile());
    }

    @Test
    void givesTheConfidenceIntervalOfTheMeanFromTheTDistribution() {
        JsonNode train = group("mlp-small").get("train_seconds");

        // mean 12, s = sqrt(8), t(0.975, 1 df) = tan(0.475 pi) = 12.7062; half-width = 12.7062 * sqrt(8) / sqrt(2)
        double halfWidth = Math.tan(0.475 * Math.PI) * 2;
        assertThat(train.get("mean").asDouble()).isEqualTo(12.0);
        assertThat(train.get("std").asDouble()).isCloseTo(Math.sqrt(8), within(1e-12));
        assertThat(train.get("ci95_low").asDouble()).isCloseTo(12 - halfWidth, within(1e-6));
        assertThat(train.get("ci95_high").asDouble()).isCloseTo(12 + halfWidth, within(1e-6));
    }

    @Test
    void leavesTheIntervalOutForASingleValue() {
        JsonNode peak = group("mlp-small").get("peak_rss_bytes");

        assertThat(peak.get("n").asInt()).isEqualTo(2);
        assertThat(peak.get("mean").asDouble()).isEqualTo(950.0);
        assertThat(group("cnn-medium").get("peak_rss_bytes").isNull()).isTrue();
    }

    @Test
    void givesTheSpreadOfEveryEpochTimeOfAGroup() {
        // mlp-small's epochs: 9, 5 (t1) and 7, 7 (t2's final attempt): mean 7, s = sqrt(8 / 3)
        JsonNode epochs = group("mlp-small").get("epoch_seconds");

        assertThat(epochs.get("n").asInt()).isEqualTo(4);
        assertThat(epochs.get("std").asDouble()).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
    }

    @Test
    void comparesWithTheBaselineByRatioAndWelchTTest() {
        JsonNode comparison = report.get("comparisons").get(0);
        JsonNode train = comparison.get("ratios").get("train_seconds");

        assertThat(report.get("comparisons")).hasSize(1);
        assertThat(comparison.get("architecture").asText()).isEqualTo("cnn-medium");
        assertThat(comparison.get("baseline").get("architecture").asText()).isEqualTo("mlp-small");
        assertThat(train.get("ratio").asDouble()).isCloseTo(32.0 / 12.0, within(1e-12));
        // t = 20 / sqrt(8/2 + 8/2) = 7.0711 with Welch's 2 df, where the two-sided p is 1 - t / sqrt(t^2 + 2)
        double t = 20 / Math.sqrt(8);
        assertThat(train.get("p_value").asDouble()).isCloseTo(1 - t / Math.sqrt(t * t + 2), within(1e-9));
    }

    @Test
    void givesNoPValueWithOneValueOnASide() {
        JsonNode peak = report.get("comparisons").get(0).get("ratios").get("peak_rss_bytes");

        assertThat(peak).isNull();
        JsonNode accuracy = report.get("comparisons").get(0).get("ratios").get("test_accuracy");
        assertThat(accuracy.get("ratio").asDouble()).isCloseTo(0.91 / 0.82, within(1e-12));
        assertThat(accuracy.get("p_value").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void givesTheScalabilityMultipliersBetweenArchitectures() {
        JsonNode step = report.get("scalability").get(0);

        assertThat(step.get("from").asText()).isEqualTo("mlp-small");
        assertThat(step.get("to").asText()).isEqualTo("cnn-medium");
        assertThat(step.get("params_multiplier").asDouble()).isCloseTo(421_642.0 / 101_770.0, within(1e-12));
        assertThat(step.get("time_multiplier").asDouble()).isCloseTo(32.0 / 12.0, within(1e-12));
        assertThat(step.get("memory_multiplier").isNull()).isTrue();
    }

    @Test
    void hasEveryDocumentedTopLevelField() {
        assertThat(report.fieldNames()).toIterable().contains("format_version", "runs", "totals", "groups", "tasks",
                "failed_tasks", "baseline", "comparisons", "scalability", "train_sizes");
        assertThat(report.get("baseline").get("architecture").asText()).isEqualTo("mlp-small");
        assertThat(group("mlp-small").fieldNames()).toIterable().contains("dataset", "architecture", "device",
                "split", "framework", "train_fraction", "succeeded", "failed", "not_run", "train_seconds", "samples_per_second", "test_accuracy",
                "first_epoch_seconds", "later_epoch_seconds", "peak_rss_bytes", "epoch_seconds");
        assertThat(group("mlp-small").get("test_accuracy").fieldNames()).toIterable()
                .containsExactly("n", "mean", "std", "ci95_low", "ci95_high");
        assertThat(report.get("train_sizes")).isEmpty();
    }

    private JsonNode group(String architecture) {
        for (JsonNode group : report.get("groups")) {
            if (group.get("architecture").asText().equals(architecture)) {
                return group;
            }
        }
        throw new AssertionError("no group " + architecture);
    }
}
