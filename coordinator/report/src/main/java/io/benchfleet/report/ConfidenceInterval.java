package io.benchfleet.report;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A two-sided confidence interval for a group's mean. The t distribution rather than the normal:
 * a benchmark group has a handful of repetitions, and with n = 3 the normal's 1.96 would make the
 * interval about 2.2 times too narrow.
 */
public record ConfidenceInterval(double level, double lower, double upper) {

    static final double LEVEL_95 = 0.95;

    /**
     * Empty for a single value: one repetition says nothing about the spread. The t interval knows no bounds:
     * with two repetitions of an accuracy near 1 it reaches past 1, so it is cut at the values the measure can
     * take ({@link Statistic#lowest()}, {@link Statistic#highest()}) rather than show an accuracy no model has.
     */
    static Optional<ConfidenceInterval> of(Statistic statistic, double level) {
        return statistic.standardDeviation().map(std -> {
            double t = new TDistribution(statistic.n() - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
            double halfWidth = t * std / Math.sqrt(statistic.n());
            return new ConfidenceInterval(level, Math.max(statistic.lowest(), statistic.mean() - halfWidth),
                    Math.min(statistic.highest(), statistic.mean() + halfWidth));
        });
    }
}
