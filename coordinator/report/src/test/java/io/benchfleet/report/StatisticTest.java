package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StatisticTest {

    @Test
    void isEmptyWhenNoTaskReportedTheMeasure() {
        assertThat(Statistic.of(Stream.of(Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void skipsUnknownValues() {
        Statistic statistic = Statistic.of(Stream.of(Optional.of(2.0), Optional.empty(), Optional.of(4.0))).orElseThrow();

        assertThat(statistic).isEqualTo(new Statistic(2, 3.0, Optional.of(Math.sqrt(2.0))));
    }

    @Test
    void keepsTheConfidenceIntervalOfAProportionWithinZeroAndOne() {
        Statistic accuracy = Statistic.ofProportions(Stream.of(Optional.of(0.98), Optional.of(1.0))).orElseThrow();
        Statistic loss = Statistic.of(Stream.of(Optional.of(0.98), Optional.of(1.0))).orElseThrow();

        assertThat(accuracy.confidence95().orElseThrow().upper()).isEqualTo(1.0);
        assertThat(accuracy.confidence95().orElseThrow().lower()).isCloseTo(0.863, within(1e-3));
        assertThat(loss.confidence95().orElseThrow().upper()).isCloseTo(1.117, within(1e-3));
    }

    @Test
    void hasNoStandardDeviationForASingleValue() {
        assertThat(Statistic.of(Stream.of(Optional.of(7.5)))).contains(new Statistic(1, 7.5, Optional.empty()));
    }
}
