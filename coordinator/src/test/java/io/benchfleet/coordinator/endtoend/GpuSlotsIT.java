package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gpu tasks through bin/ with a fake nvidia-smi that reports one NVIDIA H200 (its answers copied from a
 * real one) and the fake trainer: they wait for a gpu slot, go to the gpu:0 slot of the node that has one,
 * pinned to its GPU, and carry its name and versions; with --fail-unschedulable they fail instead.
 */
class GpuSlotsIT {

    private static final String H200_NVIDIA_SMI = """
            #!/bin/sh
            case "$1" in
              -q) printf 'Driver Version                 : 580.159.04\\nCUDA Version                   : 13.0\\n' ;;
              --query-gpu=index,name,memory.total,driver_version,compute_cap) echo '0, NVIDIA H200, 143771, 580.159.04, 9.0' ;;
              *) while :; do echo '0, 50, 1000, 143771, 100.0, 40, 1980'; sleep 0.1; done ;;
            esac
            """;

    @TempDir
    Path dir;

    private Path fakeNvidiaSmi() throws IOException {
        Path script = Files.writeString(dir.resolve("nvidia-smi"), H200_NVIDIA_SMI);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static String outputOf(FakeTrainerCluster fleet, String name) {
        try {
            return fleet.output(name);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void gpuTasksWaitForAGpuSlotThenRunPinnedToItsGpu() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * finish 2")) {
            Process coordinator = fleet.coordinator("coordinator", "run",
                    fleet.sweepFile("s.conf", 1, "devices = [cpu, gpu]").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("cpu-node", port, Benchfleet.freePort());
            FakeTrainerCluster.await("the cpu task done and the gpu task waiting", Duration.ofSeconds(60), () ->
                    FakeTrainerCluster.query(runDir, "SELECT COUNT(*) FROM attempts WHERE status = 'succeeded'").orElse("0").equals("1"));
            FakeTrainerCluster.await("the progress line saying so", Duration.ofSeconds(10),
                    () -> outputOf(fleet, "coordinator").contains("1 dl4j/gpu task waits for a slot that runs it"));
            assertThat(FakeTrainerCluster.query(runDir, "SELECT COUNT(*) FROM attempts")).hasValue("1");

            fleet.worker("gpu-node", port, Benchfleet.freePort(), "--nvidia-smi", fakeNvidiaSmi().toString());

            assertThat(Benchfleet.waitFor(coordinator, 90)).as(fleet.output("coordinator")).isZero();
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT t.device, a.slot, a.backend, a.device_name, a.driver_version,"
                    + " a.cuda_version FROM attempts a JOIN tasks t USING (task_id) ORDER BY t.device")).containsExactly(
                    List.of("cpu", "cpu", "fake", FakeTrainerCluster.query(runDir, "SELECT cpu_model || ', ' || logical_cores || ' cores'"
                            + " FROM workers LIMIT 1").orElseThrow(), "", ""),
                    List.of("gpu", "gpu:0", "fake on GPU 0", "NVIDIA H200", "580.159.04", "13.0"));
            assertThat(fleet.output("gpu-node")).contains("with slots [cpu, gpu:0]");
            assertThat(Files.readString(runDir.resolve("results.csv"))).contains(
                    ",NVIDIA H200,580.159.04,13.0,1048576000,").contains("device_name,driver_version,cuda_version,gpu_mem_peak_bytes");
            assertThat(Files.readString(runDir.resolve("report.html")))
                    .contains("gpu:0 NVIDIA H200, 140.4 GiB, driver 580.159.04, CUDA 13.0");
            assertThat(FakeTrainerCluster.query(runDir, "SELECT MAX(s.gpu_util_percent) FROM samples s JOIN attempts a USING (attempt_id)"
                    + " WHERE a.slot = 'gpu:0'")).as("the GPU's readings go with the gpu attempt").hasValue("50.0");
        }
    }

    @Test
    void withFailUnschedulableGpuTasksFailOnceTheCpuTasksAreDone() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir)) {
            Process coordinator = fleet.coordinator("coordinator", "run",
                    fleet.sweepFile("s.conf", 2, "devices = [gpu, cpu]").toString(), "--fail-unschedulable",
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("cpu-node", port, Benchfleet.freePort());

            assertThat(Benchfleet.waitFor(coordinator, 90)).as(fleet.output("coordinator")).isEqualTo(1);
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT t.device || ' ' || a.status || COALESCE(' ' || a.failure_kind, '')"
                    + " FROM attempts a JOIN tasks t USING (task_id) ORDER BY t.device, t.repetition"))
                    .extracting(row -> row.get(0))
                    .containsExactly("cpu succeeded", "cpu succeeded", "gpu failed UNSCHEDULABLE", "gpu failed UNSCHEDULABLE");
            assertThat(fleet.trainerStarts()).hasSize(2);
        }
    }
}
