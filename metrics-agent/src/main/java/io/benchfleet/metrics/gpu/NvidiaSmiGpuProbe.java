package io.benchfleet.metrics.gpu;

import io.benchfleet.protocol.cluster.GpuSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPU readings from one long-running {@code nvidia-smi --query-gpu=... -lms N} stream, read on a thread of its
 * own: starting nvidia-smi takes a good part of a second and loads the driver's libraries, far too slow and too
 * dear for a process per sample. NVML through JavaCPP's CUDA presets would spare the process, but those presets
 * are a multi-hundred-megabyte dependency the worker node does not otherwise need.
 * <p>
 * A reading older than {@link #staleAfter} is not handed out, so a stream that hangs or ends leaves the samples
 * without GPU values instead of repeating its last line forever.
 */
public final class NvidiaSmiGpuProbe implements GpuProbe {

    private static final Logger log = LoggerFactory.getLogger(NvidiaSmiGpuProbe.class);
    private static final Duration MIN_STALE_AFTER = Duration.ofSeconds(2);
    private static final int STALE_PERIODS = 5;

    private final Process process;
    private final InstantSource clock;
    private final Duration staleAfter;
    private final Map<Integer, GpuTrack> tracks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private NvidiaSmiGpuProbe(Process process, InstantSource clock, Duration staleAfter) {
        this.process = process;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * Starts {@code executable} (normally {@code nvidia-smi}, found on the PATH) streaming every {@code period}.
     *
     * @return {@link GpuProbe#NONE} when it cannot be started: a host without the NVIDIA driver
     */
    public static GpuProbe start(String executable, Duration period, InstantSource clock) {
        List<String> command = List.of(executable, "--query-gpu=" + NvidiaSmiLine.QUERY,
                "--format=csv,noheader,nounits", "-lms", Long.toString(Math.max(1, period.toMillis())));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            log.info("no GPU readings: cannot start {} ({})", executable, e.getMessage());
            return NONE;
        }
        Duration staleAfter = period.multipliedBy(STALE_PERIODS);
        var probe = new NvidiaSmiGpuProbe(process, clock,
                staleAfter.compareTo(MIN_STALE_AFTER) > 0 ? staleAfter : MIN_STALE_AFTER);
        Thread reader = new Thread(probe::follow, "nvidia-smi-reader");
        reader.setDaemon(true);
        reader.start();
        return probe;
    }

    @Override
    public List<GpuSample> latest(List<Integer> indices) {
        Instant freshSince = clock.instant().minus(staleAfter);
        return indices.stream()
                .map(index -> Optional.ofNullable(tracks.get(index)))
                .flatMap(Optional::stream)
                .filter(track -> track.at().isAfter(freshSince))
                .map(GpuTrack::latest)
                .toList();
    }

    @Override
    public void close() {
        closed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void follow() {
        Optional<String> lastOtherLine = Optional.empty();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Optional<GpuSample> reading = NvidiaSmiLine.parse(line);
                if (reading.isPresent()) {
                    record(reading.get());
                } else if (!line.isBlank()) {
                    lastOtherLine = Optional.of(line.strip());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            lastOtherLine = Optional.of(e.getMessage());
        }
        if (!closed) {
            String said = lastOtherLine.orElse("nothing");
            log.warn("no more GPU readings: nvidia-smi ended (exit status {}); its last other output: {}",
                    exitStatus(), said);
        }
    }

    private void record(GpuSample reading) {
        Instant now = clock.instant();
        tracks.merge(reading.index(), GpuTrack.first(reading, now), (track, first) -> track.next(reading, now));
    }

    private String exitStatus() {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
