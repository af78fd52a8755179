package io.benchfleet.report;

import static java.util.stream.Collectors.groupingBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * S2's per-epoch table of one group: for each epoch the mean over the group's succeeded tasks of its time,
 * throughput, train loss, test accuracy and memory (GPU memory on a gpu, trainer RSS on a cpu, as S2 measured them),
 * then a row with the mean over the epochs, and the memory coefficient (memory after epoch 2 over memory after
 * epoch 1: how much memory the first epoch leaves to grow).
 *
 * @param memory which memory the rows' {@code memoryBytes} are: the one that counts on the group's device
 */
record EpochTable(GroupKey group, int tasks, DeviceMemory memory, List<Row> epochs, Row mean,
                  Optional<Double> memoryCoefficient) {

    /** One row; {@code label} is the epoch number or "mean"; a measure no epoch reported is empty. */
    record Row(String label, Optional<Double> seconds, Optional<Double> samplesPerSecond, Optional<Double> trainLoss,
               Optional<Double> testAccuracy, Optional<Double> memoryBytes) {
    }

    /** Where memory is in {@link #measures}: the memory coefficient compares its epoch 2 and epoch 1 means. */
    private static final int MEMORY = 4;

    /** One table per group that has epochs, in the groups' order among the tasks. */
    static List<EpochTable> of(List<TaskResult> tasks, List<RecordedEpoch> epochs) {
        Map<TaskInRun, List<RecordedEpoch>> epochsByTask = epochs.stream().collect(groupingBy(RecordedEpoch::inRun));
        Map<GroupKey, List<List<RecordedEpoch>>> byGroup = new LinkedHashMap<>();
        tasks.stream().filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .forEach(result -> byGroup.computeIfAbsent(GroupKey.of(result.task()), key -> new ArrayList<>())
                        .add(epochsByTask.getOrDefault(result.inRun(), List.of())));
        List<EpochTable> tables = new ArrayList<>();
        byGroup.forEach((group, taskEpochs) -> {
            if (taskEpochs.stream().anyMatch(list -> !list.isEmpty())) {
                tables.add(table(group, taskEpochs));
            }
        });
        return tables;
    }

    private static List<Function<RecordedEpoch, Optional<Double>>> measures(DeviceMemory memory) {
        return List.of(
                epoch -> Optional.of(epoch.seconds()),
                epoch -> Optional.of(epoch.samplesPerSecond()),
                RecordedEpoch::trainLoss,
                RecordedEpoch::testAccuracy,
                epoch -> memory.after(epoch).map(Long::doubleValue));
    }

    private static EpochTable table(GroupKey group, List<List<RecordedEpoch>> taskEpochs) {
        DeviceMemory memory = DeviceMemory.on(group.device());
        List<Function<RecordedEpoch, Optional<Double>>> measures = measures(memory);
        TreeMap<Integer, List<SummaryStatistics>> byEpoch = new TreeMap<>();
        taskEpochs.stream().flatMap(List::stream).forEach(epoch -> {
            List<SummaryStatistics> statistics =
                    byEpoch.computeIfAbsent(epoch.epoch(), e -> statistics(measures.size()));
            for (int m = 0; m < measures.size(); m++) {
                measures.get(m).apply(epoch).ifPresent(statistics.get(m)::addValue);
            }
        });
        List<Row> rows = new ArrayList<>();
        List<SummaryStatistics> overEpochs = statistics(measures.size());
        byEpoch.forEach((epoch, statistics) -> {
            Row row = row(Integer.toString(epoch), statistics);
            rows.add(row);
            List<Optional<Double>> values = values(row);
            for (int m = 0; m < values.size(); m++) {
                values.get(m).ifPresent(overEpochs.get(m)::addValue);
            }
        });
        Optional<Double> coefficient = meanMemory(byEpoch, 2).flatMap(second -> meanMemory(byEpoch, 1)
                .filter(first -> first > 0).map(first -> second / first));
        return new EpochTable(group, taskEpochs.size(), memory, rows, row("mean", overEpochs), coefficient);
    }

    private static Optional<Double> meanMemory(TreeMap<Integer, List<SummaryStatistics>> byEpoch, int epoch) {
        return Optional.ofNullable(byEpoch.get(epoch)).map(measures -> measures.get(MEMORY))
                .filter(memory -> memory.getN() > 0).map(SummaryStatistics::getMean);
    }

    private static List<SummaryStatistics> statistics(int measures) {
        List<SummaryStatistics> statistics = new ArrayList<>();
        for (int m = 0; m < measures; m++) {
            statistics.add(new SummaryStatistics());
        }
        return statistics;
    }

    private static Row row(String label, List<SummaryStatistics> measures) {
        List<Optional<Double>> means = measures.stream()
                .map(s -> s.getN() == 0 ? Optional.<Double>empty() : Optional.of(s.getMean())).toList();
        return new Row(label, means.get(0), means.get(1), means.get(2), means.get(3), means.get(4));
    }

    private static List<Optional<Double>> values(Row row) {
        return List.of(row.seconds(), row.samplesPerSecond(), row.trainLoss(), row.testAccuracy(), row.memoryBytes());
    }
}
