package io.benchfleet.report;

import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * n, mean and standard deviation of one measure over a group's succeeded tasks.
 *
 * @param standardDeviation the sample one (n - 1 in the denominator), as the studies report it;
 *                          empty for a single value, where Commons Math's 0 would read as "no spread"
 * @param lowest            the least value the measure can take; the confidence interval stays above it
 * @param highest           the greatest value the measure can take; the confidence interval stays below it
 */
public record Statistic(long n, double mean, Optional<Double> standardDeviation, double lowest, double highest) {

    /** Of a measure that can take any value. */
    public Statistic(long n, double mean, Optional<Double> standardDeviation) {
        this(n, mean, standardDeviation, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Empty when no task of the group reported the measure. */
    static Optional<Statistic> of(Stream<Optional<Double>> values) {
        return of(values, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Of a proportion such as an accuracy, between 0 and 1; empty when no task of the group reported it. */
    static Optional<Statistic> ofProportions(Stream<Optional<Double>> values) {
        return of(values, 0.0, 1.0);
    }

    private static Optional<Statistic> of(Stream<Optional<Double>> values, double lowest, double highest) {
        SummaryStatistics statistics = new SummaryStatistics();
        values.flatMap(Optional::stream).forEach(statistics::addValue);
        if (statistics.getN() == 0) {
            return Optional.empty();
        }
        Optional<Double> standardDeviation = statistics.getN() > 1
                ? Optional.of(statistics.getStandardDeviation())
                : Optional.empty();
        return Optional.of(new Statistic(statistics.getN(), statistics.getMean(), standardDeviation, lowest, highest));
    }

    /** The 95 % confidence interval of the mean; empty when n is 1. */
    public Optional<ConfidenceInterval> confidence95() {
        return ConfidenceInterval.of(this, ConfidenceInterval.LEVEL_95);
    }
}
