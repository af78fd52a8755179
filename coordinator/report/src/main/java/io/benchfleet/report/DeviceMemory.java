package io.benchfleet.report;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The memory S2 compared on each device: on a GPU the GPU's memory, which is what limits a model there, on a CPU the
 * trainer process's RSS.
 */
enum DeviceMemory {
    GPU("GPU memory", "peak GPU memory", "gpu_mem_peak_bytes") {
        @Override
        Optional<Long> after(RecordedEpoch epoch) {
            return epoch.gpuMemBytes();
        }

        @Override
        Optional<Long> peak(RecordedAttempt attempt) {
            return attempt.device().gpuMemoryPeakBytes();
        }
    },
    RSS("trainer RSS", "peak RSS", "peak_rss_bytes") {
        @Override
        Optional<Long> after(RecordedEpoch epoch) {
            return epoch.rssBytes();
        }

        @Override
        Optional<Long> peak(RecordedAttempt attempt) {
            return attempt.peakRssBytes();
        }
    };

    private final String label;
    private final String peakLabel;
    private final String peakColumn;

    DeviceMemory(String label, String peakLabel, String peakColumn) {
        this.label = label;
        this.peakLabel = peakLabel;
        this.peakColumn = peakColumn;
    }

    /** The memory that counts on a task's device ({@code cpu} or {@code gpu}). */
    static DeviceMemory on(String device) {
        return device.equals("gpu") ? GPU : RSS;
    }

    /** What the trainer reported after the epoch. */
    abstract Optional<Long> after(RecordedEpoch epoch);

    /** The attempt's peak: on a GPU the metrics agent's (the whole GPU's, as nvidia-smi counts it). */
    abstract Optional<Long> peak(RecordedAttempt attempt);

    /** E.g. {@code GPU memory}, for headers and chart axes. */
    String label() {
        return label;
    }

    /** The results.csv column of {@link #peak}, which report.json names. */
    String peakColumn() {
        return peakColumn;
    }

    /** E.g. {@code peak GPU memory}. */
    String peakLabel() {
        return peakLabel;
    }

    /**
     * A header for the peaks of groups on these devices: {@code peak GPU memory}, {@code peak RSS}, or where both
     * devices occur {@code peak memory (GPU on gpu, RSS on cpu)}.
     */
    static String peakOf(Collection<String> devices) {
        List<DeviceMemory> memories = devices.stream().map(DeviceMemory::on).distinct().toList();
        return memories.size() == 1 ? memories.get(0).peakLabel : "peak memory (GPU on gpu, RSS on cpu)";
    }
}
