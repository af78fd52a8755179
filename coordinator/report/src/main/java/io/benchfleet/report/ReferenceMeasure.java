package io.benchfleet.report;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A kind of figure the studies published for a group, and the measure of ours it stands beside. A study's memory
 * is whatever it measured (S2: bytes per epoch as Julia and TensorFlow counted them, S3: "memory allocated"); ours
 * is the trainer's peak RSS, so that ratio says more about the measuring than about the frameworks.
 */
public enum ReferenceMeasure {
    TRAIN_SECONDS("train-seconds", "train_seconds", "train time (s)", "%.2f", 1,
            statistics -> mean(statistics.trainSeconds())),
    TEST_ACCURACY("test-accuracy", "test_accuracy", "test accuracy", "%.4f", 1,
            statistics -> mean(statistics.testAccuracy())),
    EPOCH_SECONDS("epoch-seconds", "epoch_seconds", "seconds per epoch", "%.2f", 1,
            statistics -> mean(statistics.epochSeconds())),
    FIRST_EPOCH_SECONDS("first-epoch-seconds", "first_epoch_seconds", "epoch 1 (s)", "%.2f", 1,
            statistics -> mean(statistics.firstEpochSeconds())),
    EPOCH_SECONDS_STD("epoch-seconds-std", "epoch_seconds_std", "epoch time std (s)", "%.2f", 1,
            statistics -> statistics.epochSeconds().flatMap(Statistic::standardDeviation)),
    SAMPLES_PER_SECOND("samples-per-second", "samples_per_second", "samples/s", "%.1f", 1,
            statistics -> mean(statistics.samplesPerSecond())),
    MEMORY_BYTES("memory-bytes", "memory_bytes", "memory (MiB; ours: peak RSS)", "%.1f", 1024.0 * 1024.0,
            statistics -> mean(statistics.peakRssBytes()));

    private final String key;
    private final String column;
    private final String title;
    private final String format;
    private final double unit;
    private final Function<GroupStatistics, Optional<Double>> ours;

    ReferenceMeasure(String key, String column, String title, String format, double unit,
                     Function<GroupStatistics, Optional<Double>> ours) {
        this.key = key;
        this.column = column;
        this.title = title;
        this.format = format;
        this.unit = unit;
        this.ours = ours;
    }

    /** Its name in the sweep file's reference block. */
    public String key() {
        return key;
    }

    /** Its name in report.json, as results.csv names our measure where it has one. */
    public String column() {
        return column;
    }

    /** Its heading in report.html, with the unit it is shown in. */
    public String title() {
        return title;
    }

    /** Whether a study could have published this value: an accuracy is a fraction, the rest above zero. */
    public boolean accepts(double value) {
        return this == TEST_ACCURACY ? value > 0 && value <= 1 : value > 0;
    }

    /** What {@link #accepts} takes, for the sweep file's one-line errors. */
    public String expected() {
        return this == TEST_ACCURACY ? "a fraction > 0 and <= 1, such as 0.9861 for 98.61 %" : "a number > 0";
    }

    /** A value of ours in the unit of {@link #title()}. */
    String format(double value) {
        return String.format(Locale.ROOT, format, value / unit);
    }

    /** A study's value as the sweep file gives it (74422.8454 stays so), or in the unit of the title where it has one. */
    String formatPublished(double value) {
        return unit == 1 ? SweepFileNumber.of(value) : format(value);
    }

    /** Our group's value of this measure; empty where none of its tasks reported it. */
    Optional<Double> ours(GroupStatistics statistics) {
        return ours.apply(statistics);
    }

    private static Optional<Double> mean(Optional<Statistic> statistic) {
        return statistic.map(Statistic::mean);
    }
}
