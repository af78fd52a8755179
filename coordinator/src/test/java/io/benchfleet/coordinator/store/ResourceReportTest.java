package io.benchfleet.coordinator.store;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.rundirectory.RunFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.benchfleet.report.RunReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.GpuSample;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics agent's samples, written through ResultStore, as results.csv, samples.csv and report.json show them. */
class ResourceReportTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final int TRAIN_SAMPLES = 1000;
    private static final int EPOCHS = 2;

    @TempDir
    Path runDirectory;

    private static TaskSpec task(int repetition) {
        return new TaskSpec("mnist", "mlp-small", Device.GPU, "standard", 0, repetition, repetition,
                new TrainingSettings(EPOCHS, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    }

    private static GpuSample gpu(int index, double util, double watts, double joules) {
        return new GpuSample(index, Optional.of(util), Optional.of(1L << 30), Optional.of(16L << 30),
                Optional.of(watts), Optional.of(60.0), Optional.of(1800.0), Optional.of(joules));
    }

    private static ResourceSample sample(double seconds, double cpuJoules, List<GpuSample> gpus, long dropped) {
        return ResourceSample.builder(seconds)
                .processCpuPercent(100.0).processRssBytes(1000).processHostCpuPercent(50.0).processThreads(30)
                .hostCpuPercent(50.0).hostUsedBytes(4000).hostAvailableBytes(8000).hostLoadAverage(Optional.of(1.0))
                .hostCoreCpuPercent(List.of(60.0, 40.0)).cpuFrequencyMhz(Optional.of(2600.0))
                .cpuEnergyJoules(Optional.of(cpuJoules)).gpus(gpus).samplesDropped(dropped)
                .build();
    }

    @BeforeEach
    void recordTwoRepetitionsOnTwoGpus() {
        try (ResultStore store = ResultStore.open(runDirectory)) {
            store.putRunValue("sweep_name", "energy");
            store.addTasks(List.of(task(1), task(2)));
            var host = new HostInfo("alpha", "Linux", "Xeon", 2, 1L << 34, "17",
                    List.of(new GpuDevice(0, "Tesla T4", 15L << 30, "535.104.05", "7.5", "12.2")));
            store.addWorker("w-1", host, List.of(SlotName.gpu(0)), List.of(), AT);
            for (int repetition = 1; repetition <= 2; repetition++) {
                TaskSpec task = task(repetition);
                Attempt attempt = new Attempt(task.id() + "-1", task, 1, "w-1", Optional.of(SlotName.gpu(0)));
                store.attemptStarted(attempt, AttemptDevice.of(Optional.of(host), SlotName.gpu(0)), AT);
                store.record(attempt.id(), task.id(), new TrainerEvent.Started(TrainerTask.PROTOCOL_VERSION, "dl4j",
                        "1.0.0-M2.1", 7, 2, "CUDA", List.of(), 100, TRAIN_SAMPLES, 100, 1.0, ""), AT);
                store.addSamples(attempt.id(), task.id(), List.of(
                        sample(1.0, 10.0, List.of(gpu(0, 0, 100, 50), gpu(1, 0, 100, 50)), 0),
                        sample(2.0, 20.0 * repetition, List.of(gpu(0, 90, 300, 250), gpu(1, 70, 300, 250)), 0),
                        sample(3.0, 30.0 * repetition, List.of(gpu(0, 80, 300, 550), gpu(1, 60, 300, 550)), 4)));
                // 2000 samples trained in 4 s.
                store.record(attempt.id(), task.id(), new TrainerEvent.Finished(4.0, 500.0, 0.9, 0.3), AT);
            }
        }
    }

    @Test
    void reportsEachTasksEnergyPerSampleDropsAndGpuInTheColumnsAppendedBeforeRun() throws Exception {
        RunReport.write(runDirectory, Optional.empty(), Map.of());

        List<CSVRecord> rows = csv(RunFiles.RESULTS_CSV);
        List<String> header = rows.get(0).getParser().getHeaderNames();
        assertThat(header.subList(header.indexOf("energy_joules"), header.indexOf("run") + 1)).containsExactly(
                "energy_joules", "joules_per_sample", "samples_dropped", "device_name", "driver_version", "cuda_version",
                "gpu_mem_peak_bytes", "run");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("device_name")).isEqualTo("Tesla T4");
            assertThat(row.get("driver_version")).isEqualTo("535.104.05");
            assertThat(row.get("cuda_version")).isEqualTo("12.2");
            assertThat(row.get("gpu_mem_peak_bytes")).isEqualTo(Long.toString(1L << 30));
        });
        // CPU package 30 J (60 J) plus both GPUs' 550 J.
        assertThat(Double.parseDouble(rows.get(0).get("energy_joules"))).isCloseTo(1130.0, within(1e-9));
        assertThat(Double.parseDouble(rows.get(1).get("energy_joules"))).isCloseTo(1160.0, within(1e-9));
        assertThat(Double.parseDouble(rows.get(0).get("joules_per_sample")))
                .isCloseTo(1130.0 / (TRAIN_SAMPLES * EPOCHS), within(1e-12));
        assertThat(rows.get(0).get("samples_dropped")).isEqualTo("4");
    }

    @Test
    void foldsEachRepetitionsTraceAwayBelowTheMeanInReportHtml() throws Exception {
        RunReport.write(runDirectory, Optional.empty(), Map.of());

        String html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));
        assertThat(html).contains("<details><summary>GPU utilisation (%): each repetition (2)</summary>")
                .contains("<details><summary>trainer CPU (% of one core): each repetition (2)</summary>");
        String details = html.substring(html.indexOf("<details><summary>GPU utilisation"));
        assertThat(details.substring(0, details.indexOf("</details>"))).contains("rep 1").contains("rep 2");
    }

    @Test
    void writesOneSamplesRowPerGpuAndInstant() throws Exception {
        RunReport.write(runDirectory, Optional.empty(), Map.of());

        List<CSVRecord> rows = csv(RunFiles.SAMPLES_CSV);

        assertThat(rows).hasSize(12);
        assertThat(rows.subList(0, 2)).extracting(row -> row.get("gpu_index")).containsExactly("0", "1");
        assertThat(rows.get(0).get("host_core_cpu_percent")).isEqualTo("60.0 40.0");
        assertThat(rows.get(0).get("gpu_mem_total_bytes")).isEqualTo(Long.toString(16L << 30));
    }

    @Test
    void summarisesEachGroupsEnergyOverItsRepetitions() throws Exception {
        RunReport.write(runDirectory, Optional.empty(), Map.of());

        JsonNode energy = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile())
                .at("/groups/0/energy_joules");

        // 1130 J and 1160 J (see the results.csv test): mean 1145, std 21.21, t(0.975, 1) = 12.706.
        assertThat(energy.get("n").asInt()).isEqualTo(2);
        assertThat(energy.get("mean").asDouble()).isCloseTo(1145.0, within(1e-9));
        assertThat(energy.get("std").asDouble()).isCloseTo(21.2132, within(1e-4));
        assertThat(energy.get("ci95_high").asDouble()).isCloseTo(1145.0 + 12.7062 * 15.0, within(1e-2));
    }

    @Test
    void putsTheMeanTracesPeaksAndIdleGpuTimeInReportJson() throws Exception {
        RunReport.write(runDirectory, Optional.empty(), Map.of());

        JsonNode resources = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile())
                .at("/groups/0/resources");

        assertThat(resources.get("repetitions").asInt()).isEqualTo(2);
        JsonNode util = resources.at("/measures/gpu_util_percent");
        // Per instant the mean over the two GPUs: 0, 80, 70.
        assertThat(util.at("/trace/mean").toString()).isEqualTo("[0.0,80.0,70.0]");
        assertThat(util.at("/peak/mean").asDouble()).isEqualTo(80.0);
        assertThat(util.at("/trace/std/0").asDouble()).isEqualTo(0.0);
        assertThat(resources.at("/measures/gpu_power_watts/peak/mean").asDouble()).isEqualTo(600.0);
        assertThat(resources.at("/gpu_idle_seconds/mean").asDouble()).isEqualTo(1.0);
    }

    private List<CSVRecord> csv(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(runDirectory.resolve(file))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
