package io.benchfleet.report;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toSet;

import io.benchfleet.protocol.sweep.Split;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The time of one group on a k-fold split as S4 gives it: all k folds of one repetition together, where the
 * group's statistics give the time of one fold. Set beside the same training on a hold-out split, that total
 * says what cross-validation costs over the hold-out.
 *
 * @param group        a group whose split is k-fold
 * @param folds        its k
 * @param totalSeconds over the repetitions whose every fold succeeded, each the sum of its folds' train seconds;
 *                     a repetition with a fold missing is left out, its sum would not be the protocol's time
 * @param foldSeconds  over every succeeded fold: the group's train seconds
 * @param holdouts     the group's dataset, architecture, device, framework, train fraction and hyperparameters on
 *                     each hold-out split of the report
 */
public record KFoldTime(GroupKey group, int folds, Optional<Statistic> totalSeconds, Optional<Statistic> foldSeconds,
                        List<HoldoutRatio> holdouts) {

    /**
     * @param holdout        the hold-out group
     * @param holdoutSeconds its train seconds
     * @param ratio          the mean total of the k folds over the hold-out's mean train seconds; empty where either
     *                       is unknown
     */
    public record HoldoutRatio(GroupKey holdout, Optional<Statistic> holdoutSeconds, Optional<Double> ratio) {
    }

    /** One per group on a k-fold split, in the groups' order; a repetition is a run's repetition number. */
    static List<KFoldTime> of(List<TaskResult> tasks) {
        Map<GroupKey, List<TaskResult>> groups = tasks.stream()
                .filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .collect(groupingBy(result -> GroupKey.of(result.task()), LinkedHashMap::new, toList()));
        return groups.entrySet().stream()
                .flatMap(group -> folds(group.getKey().split()).stream()
                        .map(k -> of(group.getKey(), k, group.getValue(), groups)))
                .toList();
    }

    private static KFoldTime of(GroupKey key, int k, List<TaskResult> succeeded,
                                Map<GroupKey, List<TaskResult>> groups) {
        Optional<Statistic> total = Statistic.of(succeeded.stream()
                .collect(groupingBy(result -> List.of(result.run(), result.task().repetition()), LinkedHashMap::new,
                        toList()))
                .values().stream().map(repetition -> total(repetition, k)));
        List<HoldoutRatio> holdouts = groups.entrySet().stream()
                .filter(other -> isHoldout(other.getKey().split()) && sameTraining(key, other.getKey()))
                .map(other -> holdout(other.getKey(), other.getValue(), total))
                .toList();
        return new KFoldTime(key, k, total, trainSeconds(succeeded), holdouts);
    }

    /** The sum of the train seconds of folds 1 to k; empty unless each has one. */
    private static Optional<Double> total(List<TaskResult> repetition, int k) {
        Map<Integer, Double> byFold = new TreeMap<>();
        repetition.forEach(result -> result.finalAttempt().flatMap(RecordedAttempt::trainSeconds)
                .ifPresent(seconds -> byFold.put(result.task().fold(), seconds)));
        boolean complete = byFold.keySet().equals(new Split.KFold(k).folds().stream().collect(toSet()));
        return complete ? Optional.of(byFold.values().stream().mapToDouble(Double::doubleValue).sum())
                : Optional.empty();
    }

    private static HoldoutRatio holdout(GroupKey holdout, List<TaskResult> succeeded, Optional<Statistic> total) {
        Optional<Statistic> seconds = trainSeconds(succeeded);
        Optional<Double> ratio = total.flatMap(kFold -> seconds.filter(h -> h.mean() > 0)
                .map(h -> kFold.mean() / h.mean()));
        return new HoldoutRatio(holdout, seconds, ratio);
    }

    private static Optional<Statistic> trainSeconds(List<TaskResult> succeeded) {
        return Statistic.of(succeeded.stream()
                .map(result -> result.finalAttempt().flatMap(RecordedAttempt::trainSeconds)));
    }

    /** The same training on another split: only the split differs. */
    private static boolean sameTraining(GroupKey kFold, GroupKey other) {
        return kFold.dataset().equals(other.dataset()) && kFold.architecture().equals(other.architecture())
                && kFold.device().equals(other.device()) && kFold.framework().equals(other.framework())
                && kFold.trainFraction() == other.trainFraction()
                && kFold.hyperparameters().equals(other.hyperparameters());
    }

    /** The k of a k-fold split's label, stratified or plain; empty for any other split. */
    private static Optional<Integer> folds(String split) {
        return Split.fromLabel(split).filter(Split.KFold.class::isInstance).map(s -> ((Split.KFold) s).k());
    }

    private static boolean isHoldout(String split) {
        return Split.fromLabel(split).filter(Split.Holdout.class::isInstance).isPresent();
    }

    /** The group's time as the study states it: all k folds on a k-fold split, else its train seconds. */
    static Optional<Statistic> studyTime(GroupSummary group, Map<GroupKey, KFoldTime> kFoldTimes) {
        return Optional.ofNullable(kFoldTimes.get(group.key())).map(KFoldTime::totalSeconds)
                .orElse(group.statistics().trainSeconds());
    }

    /** By group, for the tables and charts that look a group's k-fold time up. */
    static Map<GroupKey, KFoldTime> byGroup(List<KFoldTime> times) {
        Map<GroupKey, KFoldTime> byGroup = new LinkedHashMap<>();
        times.forEach(time -> byGroup.put(time.group(), time));
        return byGroup;
    }
}
