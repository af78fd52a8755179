package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S1's resource figures on S4's comparison of two frameworks ({@link TwoFrameworksFixture}), its attempts sampled
 * here: mnist's on a GPU, letter's on the CPU alone. Worker node w-1 has 64 GiB; every dl4j sample holds 16 GiB of
 * RSS (25 %) and 4 of the GPU's 16 GiB (25 %), every pytorch sample 8 GiB of RSS (12.5 %).
 */
class ResourceComparisonTest {

    private static final long GIB = 1L << 30;
    private static final String MNIST = "mnist, device cpu, split holdout-0.3";

    @TempDir
    Path runDirectory;

    private RunSummary summary;

    @BeforeEach
    void sampleEachAttempt() throws SQLException {
        TwoFrameworksFixture.create(runDirectory);
        try (Connection connection = connection()) {
            for (String attempt : List.of("m-d1", "m-d2")) {
                gpuSamples(connection, attempt, 16 * GIB, new double[] {0, 90, 95, 0, 80});
            }
            for (String attempt : List.of("m-p1", "m-p2")) {
                gpuSamples(connection, attempt, 8 * GIB, new double[] {0, 0, 99, 99, 99});
            }
            for (String attempt : List.of("l-d1", "l-d2", "l-p1")) {
                execute(connection, "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_cpu_percent,"
                        + " process_rss_bytes) VALUES (?, ?, 2.0, 100, ?), (?, ?, 3.0, 150, ?)",
                        attempt + "-a1", attempt, 8 * GIB, attempt + "-a1", attempt, 8 * GIB);
            }
        }
    }

    private void report(ReportOptions options) {
        summary = RunReport.write(List.of(runDirectory), runDirectory, Optional.empty(), Optional.empty(), Map.of(),
                options);
    }

    @Test
    void drawsPerDatasetOneChartPerMeasureWithALinePerFramework() throws IOException {
        report(ReportOptions.DEFAULT);

        JsonNode compared = json().get("resources_compared");
        assertThat(compared).hasSize(2);
        assertThat(compared.at("/0/setting").asText()).isEqualTo(MNIST);
        assertThat(compared.at("/0/compared").asText()).isEqualTo("framework");
        assertThat(compared.at("/0/lines").toString()).isEqualTo(
                "[{\"label\":\"dl4j\",\"group\":0,\"architecture\":\"s4-mnist-cnn\",\"framework\":\"dl4j\"},"
                        + "{\"label\":\"pytorch\",\"group\":1,\"architecture\":\"s4-mnist-cnn\",\"framework\":\"pytorch\"}]");
        assertThat(compared.at("/0/measures").toString()).isEqualTo("[\"process_cpu_percent\",\"process_rss_bytes\","
                + "\"process_rss_percent_of_host\",\"gpu_util_percent\",\"gpu_mem_used_bytes\",\"gpu_mem_used_percent\"]");
        assertThat(compared.at("/1/measures").toString())
                .isEqualTo("[\"process_cpu_percent\",\"process_rss_bytes\",\"process_rss_percent_of_host\"]");

        String section = section(Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML)), "resources-compared");
        assertThat(section).contains("one line per framework").contains("<h3>" + MNIST + "</h3>")
                .contains("Not drawn, for want of samples (or, for a share, of the host's or the GPU's total memory):"
                        + " GPU utilisation (%), GPU memory (MiB), GPU memory (% of the GPU's).");
        // Six measures of mnist, three of letter.
        assertThat(section.split("<figure class=\"chart\">", -1)).hasSize(10);
    }

    @Test
    void aComparisonChartHasOneSeriesPerFrameworkWithItsMeanTrace() {
        report(ReportOptions.DEFAULT);
        Trace dl4j = new Trace(new double[] {1, 2}, new double[] {100, 200});
        Trace pytorch = new Trace(new double[] {1, 2}, new double[] {300, 300});
        List<GroupResources> resources = List.of(cpu(dl4j), cpu(pytorch), cpu(dl4j), GroupResources.of(List.of()));

        ResourceComparison mnist = ResourceComparison.of(summary.groups(), summary.shownAxes()).get(0);
        XYSeriesCollection chart = mnist.chart(ComparedMeasure.CPU, resources);

        assertThat(chart.getSeriesCount()).isEqualTo(2);
        assertThat(List.of(chart.getSeriesKey(0), chart.getSeriesKey(1))).containsExactly("dl4j", "pytorch");
        assertThat(chart.getSeries(0).getY(1).doubleValue()).isEqualTo(200.0);
        assertThat(mnist.chart(ComparedMeasure.GPU, resources).getSeriesCount()).isZero();
        assertThat(mnist.measures(resources)).containsExactly(ComparedMeasure.CPU);
    }

    @Test
    void labelsEachLineByArchitectureWhereTheReportComparesNoFrameworks() {
        report(ReportOptions.DEFAULT);
        GroupStatistics statistics = summary.groups().get(0).statistics();
        List<GroupSummary> groups = Stream.of("mlp-small", "cnn-medium").map(architecture -> new GroupSummary(
                new GroupKey("mnist", architecture, "cpu", "standard", Task.DL4J, 1.0), 1, 0, 0, statistics,
                List.of())).toList();

        List<ResourceComparison> comparisons = ResourceComparison.of(groups,
                ShownAxes.of(groups.stream().map(GroupSummary::key).toList()));

        assertThat(comparisons).hasSize(1);
        assertThat(comparisons.get(0).setting()).isEqualTo("mnist, device cpu, split standard");
        assertThat(comparisons.get(0).compared()).isEqualTo("architecture");
        assertThat(comparisons.get(0).lines()).extracting(ResourceComparison.Line::label)
                .containsExactly("mlp-small", "cnn-medium");
    }

    @Test
    void computesRamAndVramAsSharesOfTheHostsAndTheGpusMemory() throws IOException {
        report(ReportOptions.DEFAULT);

        JsonNode dl4j = json().at("/groups/0/resources/measures");
        assertThat(dl4j.at("/process_rss_percent_of_host/peak/mean").asDouble()).isEqualTo(25.0);
        assertThat(dl4j.at("/gpu_mem_used_percent/peak/mean").asDouble()).isEqualTo(25.0);
        assertThat(json().at("/groups/1/resources/measures/process_rss_percent_of_host/range/max").asDouble())
                .isEqualTo(12.5);
    }

    @Test
    void takesTheHostsMemoryFromTheSamplesWhereTheWorkerNodeRecordedNone() throws Exception {
        try (Connection connection = connection()) {
            execute(connection, "UPDATE workers SET memory_bytes = 0");
        }

        report(ReportOptions.DEFAULT);

        // 16 GiB of RSS, 12 GiB used and 20 available on the host.
        assertThat(json().at("/groups/0/resources/measures/process_rss_percent_of_host/peak/mean").asDouble())
                .isEqualTo(50.0);
        assertThat(json().at("/groups/2/resources/measures/process_rss_percent_of_host")
                .isMissingNode()).isTrue();
    }

    @Test
    void tabulatesPeakTimeSteadyLevelRangeAndTheGpusZeroWindowsPerGroup() throws IOException {
        report(ReportOptions.DEFAULT);

        JsonNode resources = json().at("/groups/0/resources");
        // dl4j's GPU at 0, 90, 95, 0, 80 % at 1 to 5 s, both repetitions alike.
        JsonNode util = resources.at("/measures/gpu_util_percent");
        assertThat(util.at("/peak/mean").asDouble()).isEqualTo(95.0);
        assertThat(util.at("/peak_seconds/mean").asDouble()).isEqualTo(3.0);
        assertThat(util.at("/range").toString()).isEqualTo("{\"min\":0.0,\"max\":95.0}");
        assertThat(resources.at("/gpu_zero_windows").toString()).isEqualTo(
                "{\"rep 1\":[{\"start\":0.0,\"end\":1.0},{\"start\":3.0,\"end\":4.0}],"
                        + "\"rep 2\":[{\"start\":0.0,\"end\":1.0},{\"start\":3.0,\"end\":4.0}]}");
        assertThat(json().at("/groups/2/resources/gpu_zero_windows").isNull()).isTrue();

        String figures = section(Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML)), "resource-figures");
        assertThat(figures).contains("<td>GPU utilisation (%)</td><td class=\"num\">2</td>"
                        + "<td class=\"num\">95.0 &plusmn; 0.0</td><td class=\"num\">3.0 &plusmn; 0.0</td>")
                .contains("<td>rep 1: 0.0&ndash;1.0, 3.0&ndash;4.0; rep 2: 0.0&ndash;1.0, 3.0&ndash;4.0</td>")
                .contains("mnist / s4-mnist-cnn / cpu / holdout-0.3 / dl4j")
                .doesNotContain("trace-window");
    }

    @Test
    void aTraceWindowCutsTheTracesBeforeTheFiguresAndTheReportSaysSo() throws IOException {
        report(ReportOptions.traceWindow(2.5));

        JsonNode report = json();
        assertThat(report.get("trace_window_seconds").asDouble()).isEqualTo(2.5);
        JsonNode util = report.at("/groups/0/resources/measures/gpu_util_percent");
        assertThat(util.at("/peak/mean").asDouble()).isEqualTo(90.0);
        assertThat(util.at("/trace/seconds").toString()).isEqualTo("[1.0,2.0]");
        assertThat(report.at("/groups/0/resources/gpu_zero_windows/rep 1").toString())
                .isEqualTo("[{\"start\":0.0,\"end\":1.0}]");
        // pytorch's GPU sat at zero until 2 s: within the window, no measure of it is above zero.
        assertThat(report.at("/groups/1/resources/measures/gpu_util_percent/peak/mean").asDouble()).isZero();
        String html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));
        assertThat(section(html, "resource-figures")).contains("Each trace is cut to its first 2.5 s since the"
                + " attempt started (trace-window)");
        assertThat(section(html, "resources-compared")).contains("cut to its first 2.5 s");
    }

    @Test
    void withoutATraceWindowTheReportSaysNothingOfOne() throws IOException {
        report(ReportOptions.DEFAULT);

        assertThat(json().get("trace_window_seconds").isNull()).isTrue();
        assertThat(json().at("/groups/0/resources/measures/gpu_util_percent/trace/seconds").toString())
                .isEqualTo("[1.0,2.0,3.0,4.0,5.0]");
    }

    private static GroupResources cpu(Trace trace) {
        return GroupResources.of(List.of(new GroupResources.RepetitionTraces("rep 1",
                Map.of(TracedMeasure.PROCESS_CPU_PERCENT, trace))));
    }

    /** The samples of one GPU attempt at 1 to 5 s, with 12 GiB used and 20 GiB available on the host. */
    private static void gpuSamples(Connection connection, String task, long rss, double[] util) throws SQLException {
        for (int i = 0; i < util.length; i++) {
            execute(connection, "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_cpu_percent,"
                            + " process_rss_bytes, host_used_bytes, host_available_bytes, gpu_index, gpu_util_percent,"
                            + " gpu_mem_used_bytes, gpu_mem_total_bytes) VALUES (?, ?, ?, 100, ?, ?, ?, 0, ?, ?, ?)",
                    task + "-a1", task, i + 1.0, rss, 12 * GIB, 20 * GIB, util[i], 4 * GIB, 16 * GIB);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + runDirectory.resolve(RunFiles.RESULTS_DB));
    }

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile());
    }

    /** From the heading with this id to the next second-level heading. */
    private static String section(String html, String id) {
        String from = html.substring(html.indexOf("<h2 id=\"" + id + "\">"));
        int next = from.indexOf("<h2", 1);
        return next < 0 ? from : from.substring(0, next);
    }
}
