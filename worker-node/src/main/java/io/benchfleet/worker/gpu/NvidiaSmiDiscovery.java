package io.benchfleet.worker.gpu;

import io.benchfleet.protocol.cluster.GpuDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks {@code nvidia-smi} once for the GPUs, their memory, the driver version and the CUDA version it runs. NVML through
 * JavaCPP's CUDA presets would spare the process, but the CPU build must not carry CUDA artifacts;
 * nvidia-smi comes with every NVIDIA driver. A missing, failing or hanging nvidia-smi means no GPUs,
 * with the reason logged: a CPU-only machine is not an error.
 */
public final class NvidiaSmiDiscovery implements GpuDiscovery {

    private static final Logger log = LoggerFactory.getLogger(NvidiaSmiDiscovery.class);
    static final String QUERY = "--query-gpu=index,name,memory.total,driver_version,compute_cap";
    /** Older drivers do not know compute_cap and refuse the whole query. */
    static final String OLD_DRIVER_QUERY = "--query-gpu=index,name,memory.total,driver_version";
    /** {@code --query-gpu} has no field for it; the full report has a line {@code CUDA Version : 13.0}. */
    static final String REPORT = "-q";
    private static final Pattern CUDA_VERSION = Pattern.compile("(?m)^\\s*CUDA Version\\s*:\\s*(\\S+)");
    private static final long MIB = 1024L * 1024L;
    private static final int OLD_DRIVER_FIELDS = 4;
    private static final int FIELDS = 5;

    private final Path nvidiaSmi;
    private final Duration timeout;

    public NvidiaSmiDiscovery(Path nvidiaSmi, Duration timeout) {
        this.nvidiaSmi = nvidiaSmi;
        this.timeout = timeout;
    }

    /** Covers a driver's slow first start. */
    public static final Duration FIRST_ANSWER = Duration.ofSeconds(10);

    @Override
    public List<GpuDevice> discover() {
        List<GpuDevice> devices = ask(QUERY, "--format=csv,noheader,nounits")
                .or(() -> ask(OLD_DRIVER_QUERY, "--format=csv,noheader,nounits"))
                .map(NvidiaSmiDiscovery::parse)
                .orElse(List.of());
        if (devices.isEmpty()) {
            return devices;
        }
        String cuda = ask(REPORT).flatMap(NvidiaSmiDiscovery::cudaVersion).orElse("");
        return devices.stream().map(gpu -> new GpuDevice(gpu.index(), gpu.name(), gpu.memoryBytes(),
                gpu.driverVersion(), gpu.computeCapability(), cuda)).toList();
    }

    private Optional<String> ask(String... arguments) {
        List<String> command = new ArrayList<>(List.of(nvidiaSmi.toString()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            log.info("no GPUs: cannot run {} ({})", nvidiaSmi, e.getMessage());
            return Optional.empty();
        }
        try {
            // Wait before reading: a hung nvidia-smi never closes its stdout. Its answer fits the pipe's buffer.
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                log.warn("no GPUs: {} did not answer within {}", nvidiaSmi, timeout);
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                log.warn("no GPUs: {} exited with code {}", nvidiaSmi, process.exitValue());
                return Optional.empty();
            }
            return Optional.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("no GPUs: cannot read {}'s answer", nvidiaSmi, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }

    /** nvidia-smi writes {@code [N/A]} or {@code [Not Supported]} for what a board does not report. */
    private static String known(String field) {
        return field.startsWith("[") ? "" : field;
    }

    static Optional<String> cudaVersion(String report) {
        Matcher version = CUDA_VERSION.matcher(report);
        return version.find() ? Optional.of(version.group(1)) : Optional.empty();
    }

    /**
     * One line per GPU: {@code 0, NVIDIA H200, 143771, 580.159.04, 9.0}, or without the compute capability
     * from an older driver; unreadable lines are skipped.
     */
    static List<GpuDevice> parse(String output) {
        List<GpuDevice> devices = new ArrayList<>();
        for (String line : output.strip().split("\n")) {
            String[] fields = line.split(",");
            if (line.isBlank()) {
                continue;
            }
            if (fields.length != FIELDS && fields.length != OLD_DRIVER_FIELDS) {
                log.warn("ignoring nvidia-smi line '{}': expected {} (or, from an older driver, {}) comma-separated fields",
                        line, FIELDS, OLD_DRIVER_FIELDS);
                continue;
            }
            try {
                devices.add(new GpuDevice(Integer.parseInt(fields[0].strip()), fields[1].strip(),
                        Long.parseLong(fields[2].strip()) * MIB, fields[3].strip(),
                        fields.length == FIELDS ? known(fields[4].strip()) : "", ""));
            } catch (NumberFormatException e) {
                log.warn("ignoring nvidia-smi line '{}': index and memory must be numbers", line);
            }
        }
        return devices;
    }
}
