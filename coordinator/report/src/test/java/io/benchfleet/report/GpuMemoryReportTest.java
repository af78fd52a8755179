package io.benchfleet.report;

import static io.benchfleet.report.GpuMemoryFixture.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
import java.io.Reader;
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

/**
 * S2's figures of {@link GpuMemoryFixture}, reported with PyTorch as the baseline: GPU memory on the gpu, RSS on the
 * cpu, per epoch, between architectures and between frameworks.
 */
class GpuMemoryReportTest {

    private static final Baseline PYTORCH = new Baseline(Map.of("framework", "pytorch"));

    @TempDir
    Path runDirectory;

    private RunSummary summary;
    private JsonNode report;
    private String html;

    @BeforeEach
    void reportAgainstPyTorch() throws Exception {
        GpuMemoryFixture.create(runDirectory);
        summary = RunReport.write(runDirectory, Optional.of(PYTORCH), Map.of());
        report = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile());
        html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));
    }

    @Test
    void readsEachEpochsGpuMemoryWhichACpuEpochHasNot() throws Exception {
        try (ResultsReader reader = ResultsReader.open(runDirectory)) {
            List<RecordedEpoch> epochs = reader.read().epochs();

            assertThat(epochs).filteredOn(epoch -> epoch.inRun().taskId().equals("g-d-mlp"))
                    .extracting(RecordedEpoch::gpuMemBytes).containsExactly(Optional.of(500 * MIB), Optional.of(600 * MIB));
            assertThat(epochs).filteredOn(epoch -> epoch.inRun().taskId().equals("c-d-mlp"))
                    .extracting(RecordedEpoch::gpuMemBytes).containsOnly(Optional.empty());
        }
    }

    @Test
    void writesGpuMemBytesAsTheLastColumnOfEpochsCsv() throws IOException {
        assertThat(Files.readAllLines(runDirectory.resolve(RunFiles.EPOCHS_CSV)).get(0))
                .endsWith(",rss_bytes,run,framework,gpu_mem_bytes");
        assertThat(epochsCsv()).extracting(row -> row.get("task_id") + " " + row.get("epoch") + " " + row.get("gpu_mem_bytes"))
                .contains("g-p-cnn 2 " + 1000 * MIB, "c-p-mlp 1 ");
    }

    @Test
    void theEpochTableOfAGpuGroupShowsItsGpuMemoryAndACpuGroupsItsRss() {
        assertThat(html).contains("<th>GPU memory (MiB)</th>", "<th>trainer RSS (MiB)</th>")
                .contains("mnist / mlp-small / gpu / standard / dl4j (1 tasks, memory coefficient 1.200)")
                .contains("mnist / mlp-small / cpu / standard / dl4j (1 tasks, memory coefficient 1.250)");
    }

    @Test
    void theScalabilityMultiplierOfAGpuGroupIsThatOfItsPeakGpuMemory() {
        JsonNode gpu = report.get("scalability").get(0);

        assertThat(gpu.get("device").asText()).isEqualTo("gpu");
        assertThat(gpu.get("memory").asText()).isEqualTo("gpu_mem_peak_bytes");
        assertThat(gpu.get("memory_multiplier").asDouble()).isCloseTo(3.0, within(1e-12));
        assertThat(html).contains("<th>peak GPU memory &times;</th>");
    }

    @Test
    void comparesEachFrameworksPeakMemoryWithTheBaselineFrameworksInReportJson() {
        JsonNode tables = report.get("framework_memory");

        assertThat(tables).extracting(table -> table.get("architecture").asText() + " on " + table.get("device").asText()
                        + " " + table.get("memory").asText() + " against " + table.get("reference").asText())
                .containsExactly("mlp-small on gpu gpu_mem_peak_bytes against pytorch",
                        "cnn-medium on gpu gpu_mem_peak_bytes against pytorch",
                        "mlp-small on cpu peak_rss_bytes against pytorch");
        assertThat(tables).extracting(table -> table.at("/frameworks/0/framework").asText() + " "
                        + table.at("/frameworks/0/ratio").asDouble() + ", " + table.at("/frameworks/1/framework").asText()
                        + " " + table.at("/frameworks/1/ratio").asDouble())
                .containsExactly("dl4j 1.25, pytorch 1.0", "dl4j 1.875, pytorch 1.0", "dl4j 2.0, pytorch 1.0");
        assertThat(tables.at("/1/frameworks/0/memory_bytes/mean").asDouble()).isEqualTo(3000.0 * MIB);
    }

    @Test
    void showsTheMemoryBetweenFrameworksInReportHtml() {
        assertThat(html).contains("<h2 id=\"framework-memory\">Memory between frameworks</h2>",
                "<h3>mnist / cnn-medium / gpu / standard, against pytorch</h3>",
                "<th>peak GPU memory (MiB), mean &plusmn; std</th><th>ratio to pytorch</th>",
                "<td>dl4j</td><td class=\"num\">3000</td><td class=\"num\">1.875</td>",
                "<th>peak RSS (MiB), mean &plusmn; std</th>");
    }

    @Test
    void withoutABaselineFrameworkTheFirstFrameworkIsTheReference() {
        RunSummary withoutBaseline = new RunSummary(summary.run(), summary.groups(), summary.tasks(),
                StudyTables.of(summary.tasks(), Optional.empty(), Optional.empty(),
                        KFoldTime.of(summary.tasks())));

        List<FrameworkMemory> tables = FrameworkMemory.of(withoutBaseline);

        assertThat(tables).extracting(FrameworkMemory::reference).containsOnly("dl4j");
        assertThat(tables.get(0).rows()).extracting(row -> row.framework() + " " + row.ratio().orElseThrow())
                .containsExactly("dl4j 1.0", "pytorch 0.8");
    }

    @Test
    void drawsTimeThroughputAndMemoryPerEpochPerDatasetAndSplit() {
        assertThat(html).contains("<h2 id=\"epoch-costs\">Time, throughput and memory per epoch</h2>");
        int section = html.indexOf("id=\"epoch-costs\"");
        assertThat(html.substring(section)).contains("epoch time (s): mnist, standard", "samples/s: mnist, standard",
                "GPU memory (MiB): mnist, standard", "trainer RSS (MiB): mnist, standard",
                "mlp-small on gpu, dl4j", "cnn-medium on gpu, pytorch");
    }

    private List<CSVRecord> epochsCsv() throws IOException {
        try (Reader reader = Files.newBufferedReader(runDirectory.resolve(RunFiles.EPOCHS_CSV))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        }
    }
}
