package io.benchfleet.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

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
    void hasNoStandardDeviationForASingleValue() {
        assertThat(Statistic.of(Stream.of(Optional.of(7.5)))).contains(new Statistic(1, 7.5, Optional.empty()));
    }
}
