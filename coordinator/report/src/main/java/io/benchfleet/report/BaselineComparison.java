package io.benchfleet.report;

import java.util.List;
import java.util.Optional;

/**
 * One group measured against its baseline counterpart.
 *
 * @param ratios one per measure both groups reported
 */
public record BaselineComparison(GroupKey group, GroupKey baseline, List<Ratio> ratios) {

    /**
     * mean(group) / mean(baseline) of one measure.
     *
     * @param pValue Welch's two-sided t-test (unequal variances): empty when either group has fewer than
     *               two values or neither varies, where the test is undefined
     */
    public record Ratio(String measure, double ratio, Optional<Double> pValue) {
    }
}
