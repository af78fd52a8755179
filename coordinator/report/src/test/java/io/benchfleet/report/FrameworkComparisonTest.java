package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S4's comparison of frameworks ({@link TwoFrameworksFixture}) reported with PyTorch as the baseline. */
class FrameworkComparisonTest {

    private static final Baseline PYTORCH = new Baseline(Map.of("framework", "pytorch"));

    @TempDir
    Path runDirectory;

    private RunSummary summary;

    @BeforeEach
    void reportAgainstPyTorch() throws Exception {
        TwoFrameworksFixture.create(runDirectory);
        summary = RunReport.write(runDirectory, Optional.of(PYTORCH), Map.of());
    }

    @Test
    void keepsEachFrameworkOfTheSameDatasetArchitectureDeviceAndSplitApart() {
        assertThat(summary.groups()).extracting(group -> group.key().dataset() + " " + group.key().framework()
                + " " + group.succeeded()).containsExactly("mnist dl4j 2", "mnist pytorch 2", "letter dl4j 2",
                "letter pytorch 1");
        assertThat(summary.groups().get(0).statistics().trainSeconds().orElseThrow().mean()).isEqualTo(22.0);
        assertThat(summary.groups().get(1).statistics().trainSeconds().orElseThrow().mean()).isEqualTo(12.0);
    }

    @Test
    void comparesEachFrameworkWithTheBaselineFrameworkOnTheSameGroup() {
        List<BaselineComparison> comparisons = summary.tables().comparisons();

        assertThat(comparisons).extracting(c -> c.group().dataset() + " " + c.group().framework() + " vs "
                + c.baseline().dataset() + " " + c.baseline().framework())
                .containsExactly("mnist dl4j vs mnist pytorch", "letter dl4j vs letter pytorch");
        BaselineComparison.Ratio train = ratio(comparisons.get(0), "train_seconds");
        assertThat(train.ratio()).isCloseTo(22.0 / 12.0, within(1e-12));
        // t = 10 / sqrt(8/2 + 8/2) with Welch's 2 df, where the two-sided p is 1 - t / sqrt(t^2 + 2)
        double t = 10 / Math.sqrt(8);
        assertThat(train.pValue().orElseThrow()).isCloseTo(1 - t / Math.sqrt(t * t + 2), within(1e-9));
        assertThat(ratio(comparisons.get(0), "samples_per_second").ratio()).isCloseTo(2250.0 / 4200.0, within(1e-12));
        BaselineComparison.Ratio letter = ratio(comparisons.get(1), "train_seconds");
        assertThat(letter.ratio()).isCloseTo(7.0 / 3.0, within(1e-12));
        assertThat(letter.pValue()).isEmpty();
    }

    @Test
    void writesTheComparisonsWithTheirFrameworksToReportJson() throws IOException {
        JsonNode report = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile());

        assertThat(report.get("baseline").toString()).isEqualTo("{\"framework\":\"pytorch\"}");
        assertThat(report.at("/groups/1/framework").asText()).isEqualTo("pytorch");
        assertThat(report.at("/groups/1/train_fraction").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/comparisons/0/framework").asText()).isEqualTo("dl4j");
        assertThat(report.at("/comparisons/0/baseline/framework").asText()).isEqualTo("pytorch");
        assertThat(report.at("/comparisons/0/ratios/train_seconds/ratio").asDouble())
                .isCloseTo(22.0 / 12.0, within(1e-12));
        assertThat(report.at("/failed_tasks/0/framework").asText()).isEqualTo("pytorch");
        assertThat(report.at("/tasks/1/framework_version").asText()).isEqualTo(TwoFrameworksFixture.PYTORCH_VERSION);
    }

    @Test
    void namesTheFrameworkOfEveryGroupComparisonAndFailureOnTheConsole() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleTable.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "dataset  architecture   device  split        framework  n  failed  train s  samples/s  test acc  "
                        + "epoch 1 s  later epochs s",
                "mnist    s4-mnist-cnn   cpu     holdout-0.3  dl4j       2       0    22.00     2250.0    0.9750"
                        + "      20.00               -",
                "mnist    s4-mnist-cnn   cpu     holdout-0.3  pytorch    2       0    12.00     4200.0    0.9800"
                        + "      10.00               -",
                "letter   s4-letter-mlp  cpu     holdout-0.3  dl4j       2       0     7.00     2041.5    0.7900"
                        + "          -               -",
                "letter   s4-letter-mlp  cpu     holdout-0.3  pytorch    1       1     3.00     4667.0    0.8200"
                        + "          -               -",
                "against framework = pytorch (ratio of means, Welch's p):",
                // Welch's p checked by hand: samples/s t = 2.679 at 1.16 df, test accuracy t = 0.707 at 2 df.
                "  mnist/s4-mnist-cnn/cpu/holdout-0.3/dl4j: train_seconds 1.833 (p 0.0715), samples_per_second 0.536"
                        + " (p 0.1985), test_accuracy 0.995 (p 0.5528)",
                "  letter/s4-letter-mlp/cpu/holdout-0.3/dl4j: train_seconds 2.333, samples_per_second 0.437,"
                        + " test_accuracy 0.963",
                "run directory: " + runDirectory.toAbsolutePath(),
                "failed: l-p2 letter/s4-letter-mlp/cpu/pytorch rep 2: DIVERGED: loss is NaN");
    }

    @Test
    void setsTheFrameworksSideBySideInTheStudyTable() {
        List<StudyMatrix> matrices = StudyMatrix.of(summary.groups(), summary.shownAxes());

        assertThat(matrices).hasSize(1);
        StudyMatrix matrix = matrices.get(0);
        assertThat(matrix.setting()).isEqualTo("device cpu, split holdout-0.3");
        assertThat(matrix.byFramework()).isTrue();
        assertThat(matrix.rowHeaders()).containsExactly("dataset", "architecture");
        assertThat(matrix.columns()).containsExactly("dl4j", "pytorch");
        assertThat(matrix.rows()).extracting(StudyMatrix.Row::labels)
                .containsExactly(List.of("mnist", "s4-mnist-cnn"), List.of("letter", "s4-letter-mlp"));
        assertThat(matrix.rows().get(1).cells()).extracting(cell -> cell.orElseThrow().key().framework())
                .containsExactly("dl4j", "pytorch");
    }

    @Test
    void printsEachFrameworksTimeAndAccuracyUnderItsNameInReportHtml() throws IOException {
        String html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));

        assertThat(html)
                .contains("<h3>train time (s), mean &plusmn; std [95 % CI] and test accuracy, mean &plusmn; std,"
                        + " device cpu, split holdout-0.3</h3>")
                .contains("<tr><th rowspan=\"2\">dataset</th><th rowspan=\"2\">architecture</th>"
                        + "<th colspan=\"2\">dl4j</th><th colspan=\"2\">pytorch</th>"
                        + "<th rowspan=\"2\">train time against dl4j</th></tr>\n"
                        + "<tr><th>train time (s)</th><th>test accuracy</th><th>train time (s)</th>"
                        + "<th>test accuracy</th></tr>")
                .containsPattern("<tr><td>letter</td><td>s4-letter-mlp</td><td class=\"num\">7.00 &plusmn; 1.41 \\[[^]]+\\]"
                        + "</td><td class=\"num\">0.7900 &plusmn; 0.0141</td><td class=\"num\">3.00</td>"
                        + "<td class=\"num\">0.8200</td><td>pytorch 57.1 % faster</td></tr>")
                .contains("<h2 id=\"baseline\">Against the baseline (framework = pytorch)</h2>")
                .contains("<td>s4-mnist-cnn on cpu, mnist, pytorch</td>")
                .contains("<details><summary>mnist / s4-mnist-cnn / cpu / holdout-0.3 / pytorch (2 tasks")
                .contains("<td>dl4j 1.0.0-M2.1 (cpu); pytorch 1.13.0a0 (cpu, gpu)</td>");
    }

    @Test
    void appendsEachTasksFrameworkItsVersionTrainFractionAndPartitionToResultsCsv() throws IOException {
        List<CSVRecord> rows = records(RunFiles.RESULTS_CSV);

        assertThat(rows).extracting(row -> row.get("task_id") + " " + row.get("framework") + " "
                + row.get("framework_version") + " " + row.get("train_fraction")).startsWith(
                "m-d1 dl4j " + TwoFrameworksFixture.DL4J_VERSION + " 1.0",
                "m-p1 pytorch " + TwoFrameworksFixture.PYTORCH_VERSION + " 1.0");
        assertThat(rows).filteredOn(row -> row.get("task_id").startsWith("m-"))
                .extracting(row -> row.get("partition_sha256")).containsOnly(TwoFrameworksFixture.MNIST_PARTITION);
    }

    @Test
    void appendsTheTasksFrameworkToEpochsAndSamplesCsv() throws IOException {
        assertThat(records(RunFiles.EPOCHS_CSV)).extracting(row -> row.get("task_id") + " " + row.get("framework"))
                .containsExactly("m-d1 dl4j", "m-p1 pytorch");
        assertThat(records(RunFiles.SAMPLES_CSV)).extracting(row -> row.get("task_id") + " " + row.get("framework"))
                .containsExactly("m-p1 pytorch");
    }

    @Test
    void listsTheFrameworksEachWorkerNodeOfferedInEnvironmentJson() throws IOException {
        JsonNode environment = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.ENVIRONMENT_JSON).toFile());

        assertThat(environment.at("/worker_nodes/0/frameworks").toString()).isEqualTo(
                "[{\"name\":\"dl4j\",\"version\":\"1.0.0-M2.1\",\"devices\":[\"cpu\"]},"
                        + "{\"name\":\"pytorch\",\"version\":\"1.13.0a0\",\"devices\":[\"cpu\",\"gpu\"]}]");
    }

    private static BaselineComparison.Ratio ratio(BaselineComparison comparison, String measure) {
        return comparison.ratios().stream().filter(ratio -> ratio.measure().equals(measure)).findFirst().orElseThrow();
    }

    private List<CSVRecord> records(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(runDirectory.resolve(file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
