package io.benchfleet.metrics.gpu;

import io.benchfleet.protocol.cluster.GpuSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives the probe with fake {@code nvidia-smi} scripts passed by path. */
class NvidiaSmiGpuProbeTest {

    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private GpuProbe probe = GpuProbe.NONE;

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static Path recording() throws URISyntaxException {
        return Path.of(NvidiaSmiGpuProbeTest.class.getResource("nvidia-smi-two-gpus.csv").toURI());
    }

    @Test
    void readsEveryGpuOfAStreamWithOneProcess() throws Exception {
        Path arguments = dir.resolve("arguments");
        Path starts = dir.resolve("starts");
        Path fake = script("echo \"$@\" > " + arguments + "; echo started >> " + starts
                + "; while :; do cat " + recording() + "; sleep 0.05; done");
        probe = NvidiaSmiGpuProbe.start(fake.toString(), PERIOD, InstantSource.system());

        await().atMost(WAIT).until(() -> probe.latest(List.of(0, 1)).size() == 2);
        List<GpuSample> gpus = probe.latest(List.of(1, 0));

        assertThat(gpus).extracting(GpuSample::index).containsExactly(1, 0);
        GpuSample busy = gpus.get(1);
        assertThat(busy.utilPercent()).contains(87.0);
        assertThat(busy.memUsedBytes()).contains(30521L << 20);
        assertThat(busy.memTotalBytes()).contains(81559L << 20);
        assertThat(busy.powerWatts()).contains(312.45);
        assertThat(busy.temperatureCelsius()).contains(64.0);
        assertThat(busy.smClockMhz()).contains(1980.0);
        assertThat(gpus.get(0).powerWatts()).isEmpty();
        assertThat(Files.readString(arguments).strip()).isEqualTo(
                "--query-gpu=" + NvidiaSmiLine.QUERY + " --format=csv,noheader,nounits -lms 100");
        await().atMost(WAIT).until(() -> probe.latest(List.of(0)).get(0).energyJoules().orElseThrow() > 30.0);
        assertThat(probe.latest(List.of(1)).get(0).energyJoules()).contains(0.0);
        assertThat(probe.latest(List.of(2))).isEmpty();
        assertThat(Files.readAllLines(starts)).hasSize(1);
    }

    @Test
    void readsTheLinesAnH200GaveWhileTraining() throws Exception {
        Path recorded = Path.of(NvidiaSmiGpuProbeTest.class.getResource("nvidia-smi-h200.csv").toURI());
        Path fake = script("cat " + recorded + "; exec sleep 60");
        probe = NvidiaSmiGpuProbe.start(fake.toString(), PERIOD, InstantSource.system());

        // The recording's last line is the only one at 45 %.
        await().atMost(WAIT).until(() -> probe.latest(List.of(0)).stream()
                .anyMatch(sample -> sample.utilPercent().equals(Optional.of(45.0))));
        GpuSample last = probe.latest(List.of(0)).get(0);

        assertThat(last.utilPercent()).contains(45.0);
        assertThat(last.memUsedBytes()).contains(5051L << 20);
        assertThat(last.memTotalBytes()).contains(143_771L << 20);
        assertThat(last.powerWatts()).contains(202.2);
        assertThat(last.temperatureCelsius()).contains(34.0);
        assertThat(last.smClockMhz()).contains(1980.0);
    }

    @Test
    void aHostWithoutNvidiaSmiHasNoGpus() {
        probe = NvidiaSmiGpuProbe.start(dir.resolve("no-such-nvidia-smi").toString(), PERIOD, InstantSource.system());

        assertThat(probe).isSameAs(GpuProbe.NONE);
        assertThat(probe.latest(List.of(0))).isEmpty();
    }

    @Test
    void anNvidiaSmiThatFailsGivesNoReadingsAndNoError() throws Exception {
        Path ended = dir.resolve("ended");
        Path fake = script("echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"; "
                + "touch " + ended + "; exit 9");
        probe = NvidiaSmiGpuProbe.start(fake.toString(), PERIOD, InstantSource.system());

        await().atMost(WAIT).until(() -> Files.exists(ended));

        assertThat(probe.latest(List.of(0))).isEmpty();
    }

    @Test
    void anNvidiaSmiThatHangsGivesNoReadingsAndIsKilledOnClose() throws Exception {
        Path pid = dir.resolve("pid");
        Path fake = script("echo $$ > " + pid + "; exec sleep 60");
        probe = NvidiaSmiGpuProbe.start(fake.toString(), PERIOD, InstantSource.system());
        await().atMost(WAIT).until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());

        assertThat(probe.latest(List.of(0))).isEmpty();
        probe.close();

        // Gone already, or ending: either way close() ended a sleep that would have lasted 60 s.
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
                .ifPresent(hung -> assertThat(hung.onExit()).succeedsWithin(WAIT));
    }

    @Test
    void readingsOfAStreamThatStoppedGoStale() throws Exception {
        Path fake = script("cat " + recording() + "; exec sleep 60");
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        probe = NvidiaSmiGpuProbe.start(fake.toString(), PERIOD, now::get);
        await().atMost(WAIT).until(() -> probe.latest(List.of(0)).size() == 1);

        now.set(now.get().plusSeconds(3));

        assertThat(probe.latest(List.of(0, 1))).isEmpty();
    }

    @Test
    void linesThatAreNotReadingsAreSkipped() {
        assertThat(NvidiaSmiLine.parse("index, utilization.gpu [%], memory.used [MiB]")).isEmpty();
        assertThat(NvidiaSmiLine.parse("No devices were found")).isEmpty();
        assertThat(NvidiaSmiLine.parse("[N/A], 1, 2, 3, 4, 5, 6")).isEmpty();
        assertThat(NvidiaSmiLine.parse("0, [Not Supported], 2, 3, [N/A], 5, 6"))
                .map(GpuSample::utilPercent).contains(Optional.empty());
    }
}
