package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeanTraceTest {

    private static Trace trace(double[] seconds, double[] values) {
        return new Trace(seconds, values);
    }

    @Test
    void averagesRepetitionsOnTheTimeTheyAllCoverInterpolatingBetweenSamples() {
        // Sampled every second, but at different offsets: the second repetition starts half a second later.
        Trace first = trace(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40});
        Trace second = trace(new double[] {1.5, 2.5, 3.5}, new double[] {0, 0, 60});

        MeanTrace mean = MeanTrace.of(List.of(first, second), 500).orElseThrow();

        assertThat(mean.repetitions()).isEqualTo(2);
        assertThat(mean.stepSeconds()).isEqualTo(1.0);
        assertThat(mean.seconds()).containsExactly(1.5, 2.5, 3.5);
        // first at 1.5, 2.5, 3.5 = 15, 25, 35
        assertThat(mean.mean()).containsExactly(7.5, 12.5, 47.5);
        assertThat(mean.min()).containsExactly(0.0, 0.0, 35.0);
        assertThat(mean.max()).containsExactly(15.0, 25.0, 60.0);
        assertThat(mean.std().orElseThrow().get(0)).isCloseTo(Math.sqrt(2 * 7.5 * 7.5), within(1e-12));
    }

    @Test
    void coarsensTheGridToAtMostMaxPoints() {
        double[] seconds = new double[1001];
        double[] values = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            seconds[i] = i * 0.1;
            values[i] = i;
        }

        MeanTrace mean = MeanTrace.of(List.of(trace(seconds, values)), 11).orElseThrow();

        assertThat(mean.stepSeconds()).isCloseTo(10.0, within(1e-12));
        assertThat(mean.seconds()).hasSize(11);
        assertThat(mean.mean().get(10)).isCloseTo(1000.0, within(1e-9));
        assertThat(mean.std()).isEmpty();
    }

    @Test
    void hasNoTraceWhenTheRepetitionsShareNoTime() {
        Trace early = trace(new double[] {0, 1}, new double[] {1, 1});
        Trace late = trace(new double[] {2, 3}, new double[] {1, 1});

        assertThat(MeanTrace.of(List.of(early, late), 500)).isEmpty();
    }

    @Test
    void steadyStateLeavesOutTheFirstFifthAndTheLastTenth() {
        // 0-10 s: start-up at 0 % until 1.5 s, training at 100 %, the final evaluation at 30 % after 9.5 s.
        Trace cpu = trace(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9.6, 10},
                new double[] {0, 0, 100, 100, 100, 100, 100, 100, 100, 100, 30, 30});

        assertThat(cpu.steadyStateMean()).isEqualTo(100.0);
        assertThat(cpu.peak()).isEqualTo(100.0);
    }

    @Test
    void countsTheSecondsAtZeroFromEachSamplesWindow() {
        Trace gpu = trace(new double[] {0.5, 1.0, 1.5, 2.0, 3.0}, new double[] {0, 0, 80, 90, 0});

        // 0-0.5, 0.5-1.0 and 2.0-3.0
        assertThat(gpu.secondsAtZero()).isEqualTo(2.0);
    }

    @Test
    void profilesAGroupPerMeasureOverItsRepetitions() {
        Map<TracedMeasure, Trace> first = Map.of(
                TracedMeasure.PROCESS_CPU_PERCENT, trace(new double[] {1, 2, 3}, new double[] {100, 200, 100}),
                TracedMeasure.GPU_UTIL_PERCENT, trace(new double[] {1, 2, 3}, new double[] {0, 50, 50}));
        Map<TracedMeasure, Trace> second = Map.of(
                TracedMeasure.PROCESS_CPU_PERCENT, trace(new double[] {1, 2, 3}, new double[] {100, 100, 100}),
                TracedMeasure.GPU_UTIL_PERCENT, trace(new double[] {1, 2, 3}, new double[] {0, 0, 50}));

        GroupResources group = GroupResources.of(List.of(new GroupResources.RepetitionTraces("rep 1", first),
                new GroupResources.RepetitionTraces("rep 2", second)));

        assertThat(group.repetitions()).isEqualTo(2);
        assertThat(group.measures()).containsOnlyKeys(TracedMeasure.PROCESS_CPU_PERCENT, TracedMeasure.GPU_UTIL_PERCENT);
        assertThat(group.measures().get(TracedMeasure.PROCESS_CPU_PERCENT).peak().orElseThrow().mean()).isEqualTo(150.0);
        assertThat(group.measures().get(TracedMeasure.PROCESS_CPU_PERCENT).trace().orElseThrow().mean())
                .containsExactly(100.0, 150.0, 100.0);
        assertThat(group.gpuIdleSeconds().orElseThrow().mean()).isEqualTo(1.5);
        assertThat(group.measures().get(TracedMeasure.GPU_UTIL_PERCENT).byRepetition()).containsOnlyKeys("rep 1", "rep 2");
        assertThat(group.measures().get(TracedMeasure.GPU_UTIL_PERCENT).byRepetition().get("rep 2").values())
                .containsExactly(0, 0, 50);
    }

    @Test
    void repetitionsWithTheSameLabelAreAllCountedAndNumbered() {
        var low = Map.of(TracedMeasure.HOST_CPU_PERCENT, trace(new double[] {1, 2}, new double[] {10, 10}));
        var high = Map.of(TracedMeasure.HOST_CPU_PERCENT, trace(new double[] {1, 2}, new double[] {30, 30}));

        GroupResources group = GroupResources.of(List.of(new GroupResources.RepetitionTraces("rep 1", low),
                new GroupResources.RepetitionTraces("rep 1", high)));

        var profile = group.measures().get(TracedMeasure.HOST_CPU_PERCENT);
        assertThat(profile.byRepetition()).containsOnlyKeys("rep 1", "rep 1 #2");
        assertThat(profile.peak().orElseThrow().n()).isEqualTo(2);
        assertThat(profile.trace().orElseThrow().mean()).containsExactly(20.0, 20.0);
    }

    @Test
    void aLongTraceIsResampledEvenlyOverItsTime() {
        double[] seconds = new double[1001];
        double[] values = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            seconds[i] = i * 0.1;
            values[i] = i;
        }

        Trace resampled = trace(seconds, values).resampled(201);

        assertThat(resampled.size()).isEqualTo(201);
        assertThat(resampled.start()).isEqualTo(0.0);
        assertThat(resampled.end()).isEqualTo(100.0);
        assertThat(resampled.valueAt(50.0)).isCloseTo(500.0, within(1e-9));
        assertThat(trace(new double[] {1, 2}, new double[] {5, 6}).resampled(201).size()).isEqualTo(2);
    }

    @Test
    void aGroupWithoutGpuSamplesHasNoIdleFigure() {
        GroupResources group = GroupResources.of(List.of(new GroupResources.RepetitionTraces("rep 1", Map.of(
                TracedMeasure.HOST_CPU_PERCENT, trace(new double[] {1, 2}, new double[] {5, 5})))));

        assertThat(group.gpuIdleSeconds()).isEqualTo(Optional.empty());
        assertThat(group.measures()).containsOnlyKeys(TracedMeasure.HOST_CPU_PERCENT);
    }
}
