package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
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
 * S4's two protocols in one report: mnist / s4-mnist-cnn / cpu on holdout-0.3 and on kfold-3, with PyTorch and DL4J.
 * <ul>
 *   <li>pytorch: hold-out 10 and 14 s (mean 12); k-fold repetition 1 folds 4, 5, 6 s (15), repetition 2 folds 5, 6,
 *       7 s (18): all folds 16.5 on average, per fold 5.5, k-fold / hold-out 16.5 / 12 = 1.375</li>
 *   <li>dl4j: hold-out 20 s; k-fold repetition 1 folds 8, 9, 10 s (27), repetition 2 folds 9, 9 s and fold 3
 *       failed: all folds 27 (repetition 1 alone), per fold 45 / 5 = 9, k-fold / hold-out 27 / 20 = 1.35</li>
 * </ul>
 */
class CrossValidationTimeTest {

    private static final String HOLDOUT = "holdout-0.3";
    private static final String KFOLD = "kfold-3";

    @TempDir
    Path runDirectory;

    @BeforeEach
    void reportOnBothProtocols() throws Exception {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            succeeded(connection, "ph1", HOLDOUT, 0, 1, "pytorch", 10.0);
            succeeded(connection, "ph2", HOLDOUT, 0, 2, "pytorch", 14.0);
            succeeded(connection, "dh1", HOLDOUT, 0, 1, "dl4j", 20.0);
            double[][] pytorchFolds = {{4, 5, 6}, {5, 6, 7}};
            for (int repetition = 1; repetition <= 2; repetition++) {
                for (int fold = 1; fold <= 3; fold++) {
                    succeeded(connection, "pk" + repetition + fold, KFOLD, fold, repetition, "pytorch",
                            pytorchFolds[repetition - 1][fold - 1]);
                }
            }
            succeeded(connection, "dk11", KFOLD, 1, 1, "dl4j", 8.0);
            succeeded(connection, "dk12", KFOLD, 2, 1, "dl4j", 9.0);
            succeeded(connection, "dk13", KFOLD, 3, 1, "dl4j", 10.0);
            succeeded(connection, "dk21", KFOLD, 1, 2, "dl4j", 9.0);
            succeeded(connection, "dk22", KFOLD, 2, 2, "dl4j", 9.0);
            task(connection, "dk23", KFOLD, 3, 2, "dl4j");
            execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                    + " failure_kind, failure_message) VALUES ('dk23-a1', 'dk23', 1, 'w-1', 'cpu', 'failed',"
                    + " '2025-01-01T10:00:00Z', 'ERROR', 'out of memory')");
        }
        RunReport.write(runDirectory, Optional.empty(), Map.of());
    }

    @Test
    void givesTheTimeOfAllFoldsBesideTheTimePerFoldAndTheRatioToTheHoldoutInReportJson() throws IOException {
        JsonNode times = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile())
                .get("k_fold_times");

        assertThat(times).extracting(time -> time.get("framework").asText() + " " + time.get("split").asText()
                + " " + time.get("folds").asInt()).containsExactly("pytorch kfold-3 3", "dl4j kfold-3 3");
        JsonNode pytorch = times.get(0);
        assertThat(pytorch.at("/total_seconds/n").asInt()).isEqualTo(2);
        assertThat(pytorch.at("/total_seconds/mean").asDouble()).isCloseTo(16.5, within(1e-12));
        assertThat(pytorch.at("/fold_seconds/n").asInt()).isEqualTo(6);
        assertThat(pytorch.at("/fold_seconds/mean").asDouble()).isCloseTo(5.5, within(1e-12));
        assertThat(pytorch.at("/holdouts/0/split").asText()).isEqualTo(HOLDOUT);
        assertThat(pytorch.at("/holdouts/0/holdout_seconds/mean").asDouble()).isEqualTo(12.0);
        assertThat(pytorch.at("/holdouts/0/ratio").asDouble()).isCloseTo(16.5 / 12, within(1e-12));
        JsonNode dl4j = times.get(1);
        assertThat(dl4j.at("/total_seconds/n").asInt()).isEqualTo(1);
        assertThat(dl4j.at("/total_seconds/mean").asDouble()).isCloseTo(27.0, within(1e-12));
        assertThat(dl4j.at("/fold_seconds/mean").asDouble()).isCloseTo(9.0, within(1e-12));
        assertThat(dl4j.at("/holdouts/0/ratio").asDouble()).isCloseTo(27.0 / 20, within(1e-12));
    }

    @Test
    void printsEachFrameworksTimeOfAllFoldsPerFoldAndRatioInTheKFoldTable() throws IOException {
        String html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));

        assertThat(html)
                .contains("<h3>train time of all folds and per fold (s), mean &plusmn; std [95 % CI], and test"
                        + " accuracy, mean &plusmn; std, device cpu, split kfold-3</h3>")
                .contains("<th colspan=\"4\">pytorch</th><th colspan=\"4\">dl4j</th>"
                        + "<th rowspan=\"2\">train time against pytorch</th></tr>\n<tr><th>all 3 folds (s)</th>"
                        + "<th>per fold (s)</th><th>k-fold / hold-out time</th><th>test accuracy</th>")
                // pytorch: std of 15 and 18 is 2.12, of 4..7 per fold 1.05; dl4j's total is one repetition's.
                .containsPattern("<tr><td>mnist</td><td>s4-mnist-cnn</td><td class=\"num\">16.50 &plusmn; 2.12 \\[[^]]+\\]"
                        + "</td><td class=\"num\">5.50 &plusmn; 1.05 \\[[^]]+\\]</td><td class=\"num\">1.38</td>"
                        + "<td class=\"num\">0.9000 &plusmn; 0.0000</td><td class=\"num\">27.00</td>"
                        + "<td class=\"num\">9.00 &plusmn; 0.71 \\[[^]]+\\]</td><td class=\"num\">1.35</td>"
                        + "<td class=\"num\">0.9000 &plusmn; 0.0000</td><td>dl4j 63.6 % slower</td></tr>")
                // The hold-out table keeps its one train time per framework.
                .contains("<th colspan=\"2\">pytorch</th><th colspan=\"2\">dl4j</th>");
    }

    @Test
    void drawsTheFrameworksOfADatasetWithTheTimeOfAllFoldsOnTheKFoldSplit() throws IOException {
        List<CSVRecord> bars = charts().stream()
                .filter(row -> row.get("title").equals("train time (s): mnist")).toList();

        assertThat(bars).extracting(row -> row.get("series") + " | " + row.get("x") + " " + row.get("y"))
                .containsExactlyInAnyOrder(
                        "s4-mnist-cnn on cpu, holdout-0.3 | pytorch 12",
                        "s4-mnist-cnn on cpu, holdout-0.3 | dl4j 20",
                        "s4-mnist-cnn on cpu, kfold-3, all 3 folds | pytorch 16.5",
                        "s4-mnist-cnn on cpu, kfold-3, all 3 folds | dl4j 27");
        assertThat(bars).extracting(row -> row.get("x_label") + " / " + row.get("y_label"))
                .containsOnly("framework / train time (s)");
        String chart = bars.get(0).get("chart");
        assertThat(Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML)))
                .contains("<h2 id=\"framework-charts\">")
                .containsPattern("<svg id=[\"']" + chart + "[\"']")
                .contains("data: charts.csv, chart = " + chart + "<");
    }

    @Test
    void setsAStudysCrossValidationTimeBesideOurTimeOfAllFoldsNotOneFolds() {
        ReferenceGroup study = new ReferenceGroup("mnist", "s4-mnist-cnn", "pytorch", Optional.of("cpu"),
                Optional.of(KFOLD), Optional.empty(), Map.of(ReferenceMeasure.TRAIN_SECONDS,
                List.of(new ReferenceGroup.Figure(33.0, Optional.empty()))), "table 3", Optional.empty());
        RunSummary summary = RunReport.write(List.of(runDirectory), runDirectory, Optional.empty(),
                Optional.of(new StudyReference("S4", "a laptop", List.of(study), List.of(), List.of())), Map.of());

        ReferenceTable.Row pytorch = summary.tables().reference().orElseThrow().matched().get(0);
        assertThat(pytorch.ours().orElseThrow().key().framework()).isEqualTo("pytorch");
        assertThat(pytorch.ours(ReferenceMeasure.TRAIN_SECONDS)).hasValue(16.5);
        assertThat(pytorch.ratios(ReferenceMeasure.TRAIN_SECONDS)).containsExactly(Optional.of(0.5));
    }

    private List<CSVRecord> charts() throws IOException {
        try (Reader in = Files.newBufferedReader(runDirectory.resolve(RunFiles.CHARTS_CSV), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static void succeeded(Connection connection, String id, String split, int fold, int repetition,
                                  String framework, double trainSeconds) throws Exception {
        task(connection, id, split, fold, repetition, framework);
        execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                + " train_samples, test_samples, train_seconds, test_accuracy) VALUES (?, ?, 1, 'w-1', 'cpu',"
                + " 'succeeded', '2025-01-01T10:00:00Z', 46000, 24000, ?, 0.9)", id + "-a1", id, trainSeconds);
    }

    private static void task(Connection connection, String id, String split, int fold, int repetition,
                             String framework) throws Exception {
        execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed,"
                + " epochs, batch_size, train_limit, framework, train_fraction) VALUES (?, 'mnist', 's4-mnist-cnn',"
                + " 'cpu', ?, ?, ?, 1, 12, 128, 0, ?, 1)", id, split, fold, repetition, framework);
    }
}
