package io.benchfleet.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects one attempt's samples, in time order, into a {@link Trace} per {@link TracedMeasure}. results.db holds
 * one row per GPU and instant; the rows of one instant become one point.
 */
final class AttemptTraces implements ResultsReader.SampleConsumer {

    private final Map<TracedMeasure, List<double[]>> points = new EnumMap<>(TracedMeasure.class);
    private final List<Sample> instant = new ArrayList<>();
    private final Optional<Long> hostMemoryBytes;

    /**
     * @param hostMemoryBytes the memory of the worker node the attempt ran on, as it recorded it when it joined;
     *                        without it, each sample's used plus available host memory
     */
    AttemptTraces(Optional<Long> hostMemoryBytes) {
        this.hostMemoryBytes = hostMemoryBytes.filter(bytes -> bytes > 0);
    }

    @Override
    public void accept(Sample sample) {
        if (!instant.isEmpty() && instant.get(0).secondsSinceStart() != sample.secondsSinceStart()) {
            endInstant();
        }
        instant.add(sample);
    }

    /** The traces of the measures the attempt's samples hold. */
    Map<TracedMeasure, Trace> traces() {
        endInstant();
        Map<TracedMeasure, Trace> traces = new EnumMap<>(TracedMeasure.class);
        points.forEach((measure, list) -> traces.put(measure, new Trace(
                list.stream().mapToDouble(point -> point[0]).toArray(),
                list.stream().mapToDouble(point -> point[1]).toArray())));
        return traces;
    }

    private void endInstant() {
        if (instant.isEmpty()) {
            return;
        }
        Sample first = instant.get(0);
        add(TracedMeasure.PROCESS_CPU_PERCENT, first.secondsSinceStart(), first.process().cpuPercent());
        add(TracedMeasure.PROCESS_RSS_BYTES, first.secondsSinceStart(),
                first.process().rssBytes().map(Long::doubleValue));
        add(TracedMeasure.HOST_CPU_PERCENT, first.secondsSinceStart(), first.host().cpuPercent());
        var util = instant.stream().flatMap(s -> s.gpu().utilPercent().stream()).mapToDouble(Double::doubleValue)
                .summaryStatistics();
        add(TracedMeasure.GPU_UTIL_PERCENT, first.secondsSinceStart(),
                util.getCount() > 0 ? Optional.of(util.getAverage()) : Optional.empty());
        add(TracedMeasure.GPU_MEM_USED_BYTES, first.secondsSinceStart(),
                sum(instant.stream().map(s -> s.gpu().memUsedBytes().map(Long::doubleValue)).toList()));
        add(TracedMeasure.GPU_POWER_WATTS, first.secondsSinceStart(),
                sum(instant.stream().map(s -> s.gpu().powerWatts()).toList()));
        add(TracedMeasure.PROCESS_RSS_PERCENT_OF_HOST, first.secondsSinceStart(), first.process().rssBytes()
                .flatMap(rss -> hostMemory(first).map(total -> 100.0 * rss / total)));
        add(TracedMeasure.GPU_MEM_USED_PERCENT, first.secondsSinceStart(), gpuMemoryPercent());
        instant.clear();
    }

    private Optional<Long> hostMemory(Sample sample) {
        return hostMemoryBytes.or(() -> sample.host().usedBytes()
                .flatMap(used -> sample.host().availableBytes().map(available -> used + available))
                .filter(total -> total > 0));
    }

    /** Over the instant's GPUs that report both their used and their total memory. */
    private Optional<Double> gpuMemoryPercent() {
        long used = 0;
        long total = 0;
        for (Sample sample : instant) {
            Sample.Gpu gpu = sample.gpu();
            if (gpu.memUsedBytes().isPresent() && gpu.memTotalBytes().filter(bytes -> bytes > 0).isPresent()) {
                used += gpu.memUsedBytes().get();
                total += gpu.memTotalBytes().get();
            }
        }
        return total > 0 ? Optional.of(100.0 * used / total) : Optional.empty();
    }

    private static Optional<Double> sum(List<Optional<Double>> values) {
        return values.stream().flatMap(Optional::stream).reduce(Double::sum);
    }

    private void add(TracedMeasure measure, double seconds, Optional<? extends Number> value) {
        value.ifPresent(v -> points.computeIfAbsent(measure, m -> new ArrayList<>())
                .add(new double[] {seconds, v.doubleValue()}));
    }
}
