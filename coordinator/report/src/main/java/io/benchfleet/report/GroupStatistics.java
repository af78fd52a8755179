package io.benchfleet.report;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The statistics of a group's measures over its succeeded tasks' final attempts; each is empty where no task
 * reported the measure.
 *
 * @param firstEpochSeconds the first epoch is slower in every study (warm-up, JIT, allocation): it is kept apart
 *                          from the rest
 * @param laterEpochSeconds over each task's mean seconds of epochs 2 and later
 * @param epochSeconds      over every epoch of every task
 */
public record GroupStatistics(
        Optional<Statistic> trainSeconds,
        Optional<Statistic> samplesPerSecond,
        Optional<Statistic> testAccuracy,
        Optional<Statistic> firstEpochSeconds,
        Optional<Statistic> laterEpochSeconds,
        Optional<Statistic> peakRssBytes,
        Optional<Statistic> energyJoules,
        Optional<Statistic> epochSeconds) {

    /** @param epochs the epochs of each attempt, in the attempts' order */
    static GroupStatistics of(List<RecordedAttempt> succeeded, List<List<RecordedEpoch>> epochs) {
        return new GroupStatistics(
                statistic(succeeded, RecordedAttempt::trainSeconds),
                statistic(succeeded, RecordedAttempt::samplesPerSecond),
                Statistic.ofProportions(succeeded.stream().map(RecordedAttempt::testAccuracy)),
                Statistic.of(epochs.stream().map(GroupStatistics::firstEpochSeconds)),
                Statistic.of(epochs.stream().map(GroupStatistics::laterEpochSeconds)),
                statistic(succeeded, attempt -> attempt.peakRssBytes().map(Long::doubleValue)),
                statistic(succeeded, RecordedAttempt::energyJoules),
                // S2 reports the spread of every epoch's time of a model, not of the tasks' means.
                Statistic.of(epochs.stream().flatMap(List::stream).map(epoch -> Optional.of(epoch.seconds()))));
    }

    private static Optional<Double> firstEpochSeconds(List<RecordedEpoch> epochs) {
        return epochs.stream().filter(e -> e.epoch() == 1).map(RecordedEpoch::seconds).findFirst();
    }

    /** The mean seconds of epochs 2 and later of one task; none when it trained one epoch only. */
    private static Optional<Double> laterEpochSeconds(List<RecordedEpoch> epochs) {
        var later = epochs.stream().filter(e -> e.epoch() > 1).mapToDouble(RecordedEpoch::seconds).summaryStatistics();
        return later.getCount() == 0 ? Optional.empty() : Optional.of(later.getAverage());
    }

    private static Optional<Statistic> statistic(List<RecordedAttempt> attempts,
                                                 Function<RecordedAttempt, Optional<Double>> measure) {
        return Statistic.of(attempts.stream().map(measure));
    }
}
