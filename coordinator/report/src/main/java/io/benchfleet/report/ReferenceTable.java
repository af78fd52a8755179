package io.benchfleet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A study's own figures set beside our groups: one row per study group and each of our groups it matches
 * ({@link ReferenceGroup#matches}), or one row without ours where none does.
 *
 * @param ourHardware the CPU and GPU models our matched groups ran on, or the worker nodes' where the results do
 *                    not name them
 */
public record ReferenceTable(StudyReference reference, List<Row> rows, List<String> ourHardware) {

    /**
     * A study group beside one of ours, or beside none.
     *
     * @param kFoldSeconds where ours is on a k-fold split, the time of all its folds together: the time a study
     *                     gives for cross-validation, where our group's statistics give one fold's
     */
    public record Row(ReferenceGroup study, Optional<GroupSummary> ours, Optional<Statistic> kFoldSeconds) {

        Optional<Double> ours(ReferenceMeasure measure) {
            if (measure == ReferenceMeasure.TRAIN_SECONDS && kFoldSeconds.isPresent()) {
                return kFoldSeconds.map(Statistic::mean);
            }
            return ours.flatMap(group -> measure.ours(group.statistics()));
        }

        /** Ours / each of the study's values of the measure, in the study's order; empty where ours has none. */
        List<Optional<Double>> ratios(ReferenceMeasure measure) {
            return study.figures().get(measure).stream()
                    .map(figure -> ours(measure).map(value -> value / figure.value())).toList();
        }
    }

    static ReferenceTable of(StudyReference reference, List<GroupSummary> groups, List<KFoldTime> kFoldTimes,
                             List<RecordedWorkerNode> workers) {
        List<String> ourFrameworks = groups.stream().map(group -> group.key().framework()).distinct().toList();
        Map<GroupKey, KFoldTime> byGroup = KFoldTime.byGroup(kFoldTimes);
        List<Row> rows = new ArrayList<>();
        for (ReferenceGroup study : reference.groups()) {
            List<GroupSummary> matched = groups.stream()
                    .filter(group -> study.matches(group.key(), ourFrameworks)).toList();
            if (matched.isEmpty()) {
                rows.add(new Row(study, Optional.empty(), Optional.empty()));
            }
            matched.forEach(group -> rows.add(new Row(study, Optional.of(group),
                    Optional.ofNullable(byGroup.get(group.key())).flatMap(KFoldTime::totalSeconds))));
        }
        return new ReferenceTable(reference, rows, ourHardware(rows, workers));
    }

    private static List<String> ourHardware(List<Row> rows, List<RecordedWorkerNode> workers) {
        List<String> named = rows.stream().flatMap(row -> row.ours().stream())
                .flatMap(group -> group.hardware().stream()).distinct().toList();
        if (!named.isEmpty()) {
            return named;
        }
        return workers.stream().flatMap(worker -> Stream.of(worker.cpuModel(), worker.gpus()))
                .filter(hardware -> !hardware.isBlank()).distinct().toList();
    }

    /** The studies ran on other machines than ours, always: a ratio is never the frameworks alone. */
    String hardwareSentence() {
        return "The hardware differs: the study ran on " + reference.hardware() + "; ours on "
                + (ourHardware.isEmpty() ? "hardware the results do not name" : String.join("; ", ourHardware))
                + ". A ratio measures our framework on our hardware against the study's framework on its hardware,"
                + " not the frameworks alone.";
    }

    List<Row> matched() {
        return rows.stream().filter(row -> row.ours().isPresent()).toList();
    }

    List<Row> unmatched() {
        return rows.stream().filter(row -> row.ours().isEmpty()).toList();
    }
}
