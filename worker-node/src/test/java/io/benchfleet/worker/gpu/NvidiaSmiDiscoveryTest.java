package io.benchfleet.worker.gpu;

import io.benchfleet.protocol.cluster.GpuDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Fake nvidia-smi scripts: one that answers as a two-GPU machine does, one that fails, one that hangs. The
 * {@code -q} report is the one an NVIDIA H200 with driver 580.159.04 gave on a lent GPU machine.
 */
class NvidiaSmiDiscoveryTest {

    @TempDir
    Path dir;

    private NvidiaSmiDiscovery fake(String body, Duration timeout) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new NvidiaSmiDiscovery(script, timeout);
    }

    @Test
    void findsEveryGpuWithItsNameMemoryDriverAndCudaVersion() throws IOException {
        Path report = dir.resolve("report.txt");
        Files.copy(Path.of("src/test/resources/nvidia-smi/h200-q.txt"), report);
        var discovery = fake("""
                [ "$1" = "%s" ] && cat '%s' && exit 0
                [ "$1" = "%s" ] || exit 9
                echo '0, NVIDIA H200, 143771, 580.159.04, 9.0'
                echo '1, NVIDIA H200, 143771, 580.159.04, 9.0'""".formatted(NvidiaSmiDiscovery.REPORT, report,
                NvidiaSmiDiscovery.QUERY), Duration.ofSeconds(5));

        assertThat(discovery.discover()).containsExactly(
                new GpuDevice(0, "NVIDIA H200", 143_771L << 20, "580.159.04", "9.0", "13.0"),
                new GpuDevice(1, "NVIDIA H200", 143_771L << 20, "580.159.04", "9.0", "13.0"));
    }

    @Test
    void aDriverThatDoesNotKnowTheComputeCapabilityIsAskedWithoutIt() throws IOException {
        var discovery = fake("""
                [ "$1" = "%s" ] && echo 'Field "compute_cap" is not a valid field to query.' && exit 2
                [ "$1" = "%s" ] || exit 0
                echo '0, Tesla T4, 15109, 470.82.01'""".formatted(NvidiaSmiDiscovery.QUERY,
                NvidiaSmiDiscovery.OLD_DRIVER_QUERY), Duration.ofSeconds(5));

        assertThat(discovery.discover()).containsExactly(new GpuDevice(0, "Tesla T4", 15_109L << 20, "470.82.01", "", ""));
    }

    @Test
    void aReportWithoutACudaVersionOrCapabilityLeavesThemEmpty() throws IOException {
        var discovery = fake("""
                [ "$1" = "%s" ] && echo 'Driver Version : 580.159.04' && exit 0
                echo '0, NVIDIA H200, 143771, 580.159.04, [N/A]'""".formatted(NvidiaSmiDiscovery.REPORT), Duration.ofSeconds(5));

        assertThat(discovery.discover()).extracting(GpuDevice::cudaVersion, GpuDevice::computeCapability)
                .containsExactly(tuple("", ""));
    }

    @Test
    void aFailingNvidiaSmiMeansNoGpus() throws IOException {
        var discovery = fake("echo 'NVIDIA-SMI has failed because it could not communicate with the driver' >&2; exit 9",
                Duration.ofSeconds(5));

        assertThat(discovery.discover()).isEmpty();
    }

    @Test
    void aHangingNvidiaSmiIsGivenUpAfterItsTimeout() throws IOException {
        var discovery = fake("sleep 30", Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThat(discovery.discover()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void noNvidiaSmiAtAllMeansNoGpus() {
        assertThat(new NvidiaSmiDiscovery(dir.resolve("absent"), Duration.ofSeconds(1)).discover()).isEmpty();
    }

    @Test
    void unreadableLinesAreSkipped() {
        assertThat(NvidiaSmiDiscovery.parse("0, GPU A, 1024, 1.0\n[N/A]\nx, GPU B, 1024, 1.0\n"))
                .containsExactly(new GpuDevice(0, "GPU A", 1024L << 20, "1.0", "", ""));
    }
}
