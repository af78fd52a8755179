package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3's sweep: s3-fashion-cnn on half of fashion-mnist's training part (10 and 12 s) and on all of it (20 and
 * 22 s), two repetitions each. Each share is a group of its own, and S3's table sets them side by side.
 */
class TrainFractionGroupsTest {

    @TempDir
    Path runDirectory;

    private RunSummary summary;

    @BeforeEach
    void reportOnTwoTrainFractions() throws Exception {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            task(connection, "h1", 1, 0.5, 30_000, 10.0);
            task(connection, "w1", 1, 1.0, 60_000, 20.0);
            task(connection, "h2", 2, 0.5, 30_000, 12.0);
            task(connection, "w2", 2, 1.0, 60_000, 22.0);
        }
        summary = RunReport.write(runDirectory, Optional.empty(), Map.of());
    }

    @Test
    void makesEachTrainFractionAGroup() {
        assertThat(summary.groups()).extracting(group -> group.key().trainFraction() + " "
                + group.statistics().trainSeconds().orElseThrow().mean()).containsExactly("0.5 11.0", "1.0 21.0");
    }

    @Test
    void setsTheTrainFractionsSideBySideInTheTrainSizeTable() throws Exception {
        JsonNode sizes = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile())
                .get("train_sizes");

        assertThat(sizes).extracting(size -> size.get("train_fraction").asDouble() + " "
                + size.get("train_samples").asLong() + " " + size.get("train_seconds").get("mean").asDouble())
                .containsExactly("0.5 30000 11.0", "1.0 60000 21.0");
    }

    @Test
    void drawsTheTrainTimeAgainstTheTrainingSetSizeAndPutsItsPointsInChartsCsv() throws Exception {
        String html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));
        List<CSVRecord> points;
        try (Reader in = Files.newBufferedReader(runDirectory.resolve(RunFiles.CHARTS_CSV), StandardCharsets.UTF_8)) {
            points = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords()
                    .stream().filter(row -> row.get("x_label").equals("train samples")).toList();
        }

        assertThat(points).extracting(row -> row.get("title") + " | " + row.get("series") + " | " + row.get("x")
                + " " + row.get("y")).containsExactly(
                "train time (s): fashion-mnist | s3-fashion-cnn on cpu, standard | 30000 11",
                "train time (s): fashion-mnist | s3-fashion-cnn on cpu, standard | 60000 21");
        assertThat(html).contains("<h2 id=\"train-size-charts\">")
                .contains("data: charts.csv, chart = " + points.get(0).get("chart") + "<");
    }

    @Test
    void namesTheTrainFractionOfEachGroupOnTheConsole() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleTable.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().limit(3)).containsExactly(
                "dataset        architecture    device  split     train fraction  n  failed  train s  samples/s"
                        + "  test acc  epoch 1 s  later epochs s",
                "fashion-mnist  s3-fashion-cnn  cpu     standard  0.5             2       0    11.00          -"
                        + "    0.8000          -               -",
                "fashion-mnist  s3-fashion-cnn  cpu     standard  1               2       0    21.00          -"
                        + "    0.8000          -               -");
    }

    private static void task(Connection connection, String id, int repetition, double fraction, long trainSamples,
                             double trainSeconds) throws Exception {
        execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed,"
                + " epochs, batch_size, train_limit, framework, train_fraction) VALUES (?, 'fashion-mnist',"
                + " 's3-fashion-cnn', 'cpu', 'standard', 0, ?, 1, 1, 128, 0, 'dl4j', ?)", id, repetition, fraction);
        execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                + " train_samples, test_samples, train_seconds, test_accuracy) VALUES (?, ?, 1, 'w-1', 'cpu',"
                + " 'succeeded', '2025-01-01T10:00:00Z', ?, 10000, ?, 0.8)", id + "-a1", id, trainSamples, trainSeconds);
    }
}
