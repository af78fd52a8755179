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
 * throughput, train loss, test accuracy and trainer RSS, then a row with the mean over the epochs, and the
 * memory coefficient (RSS after epoch 2 over RSS after epoch 1: how much memory the first epoch leaves to grow).
 */
record EpochTable(GroupKey group, int tasks, List<Row> epochs, Row mean, Optional<Double> memoryCoefficient) {

    /** One row; {@code label} is the epoch number or "mean"; a measure no epoch reported is empty. */
    record Row(String label, Optional<Double> seconds, Optional<Double> samplesPerSecond, Optional<Double> trainLoss,
               Optional<Double> testAccuracy, Optional<Double> rssBytes) {
    }

    private static final List<Function<RecordedEpoch, Optional<Double>>> MEASURES = List.of(
            epoch -> Optional.of(epoch.seconds()),
            epoch -> Optional.of(epoch.samplesPerSecond()),
            RecordedEpoch::trainLoss,
            RecordedEpoch::testAccuracy,
            epoch -> epoch.rssBytes().map(Long::doubleValue));
    /** Where RSS is in {@link #MEASURES}: the memory coefficient compares its epoch 2 and epoch 1 means. */
    private static final int RSS = 4;

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

    private static EpochTable table(GroupKey group, List<List<RecordedEpoch>> taskEpochs) {
        TreeMap<Integer, List<SummaryStatistics>> byEpoch = new TreeMap<>();
        taskEpochs.stream().flatMap(List::stream).forEach(epoch -> {
            List<SummaryStatistics> measures = byEpoch.computeIfAbsent(epoch.epoch(), e -> statistics());
            for (int m = 0; m < MEASURES.size(); m++) {
                MEASURES.get(m).apply(epoch).ifPresent(measures.get(m)::addValue);
            }
        });
        List<Row> rows = new ArrayList<>();
        List<SummaryStatistics> overEpochs = statistics();
        byEpoch.forEach((epoch, measures) -> {
            Row row = row(Integer.toString(epoch), measures);
            rows.add(row);
            List<Optional<Double>> values = values(row);
            for (int m = 0; m < values.size(); m++) {
                values.get(m).ifPresent(overEpochs.get(m)::addValue);
            }
        });
        Optional<Double> coefficient = rss(byEpoch, 2).flatMap(second -> rss(byEpoch, 1).filter(first -> first > 0)
                .map(first -> second / first));
        return new EpochTable(group, taskEpochs.size(), rows, row("mean", overEpochs), coefficient);
    }

    private static Optional<Double> rss(TreeMap<Integer, List<SummaryStatistics>> byEpoch, int epoch) {
        return Optional.ofNullable(byEpoch.get(epoch)).map(measures -> measures.get(RSS))
                .filter(rss -> rss.getN() > 0).map(SummaryStatistics::getMean);
    }

    private static List<SummaryStatistics> statistics() {
        List<SummaryStatistics> statistics = new ArrayList<>();
        MEASURES.forEach(measure -> statistics.add(new SummaryStatistics()));
        return statistics;
    }

    private static Row row(String label, List<SummaryStatistics> measures) {
        List<Optional<Double>> means = measures.stream()
                .map(s -> s.getN() == 0 ? Optional.<Double>empty() : Optional.of(s.getMean())).toList();
        return new Row(label, means.get(0), means.get(1), means.get(2), means.get(3), means.get(4));
    }

    private static List<Optional<Double>> values(Row row) {
        return List.of(row.seconds(), row.samplesPerSecond(), row.trainLoss(), row.testAccuracy(), row.rssBytes());
    }
}
