package io.benchfleet.report;

import java.math.BigDecimal;

/** A number as a sweep file writes it (0.1, 1, 74422.8454): no trailing zeros, no exponent. */
final class SweepFileNumber {

    private SweepFileNumber() {
    }

    static String of(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
