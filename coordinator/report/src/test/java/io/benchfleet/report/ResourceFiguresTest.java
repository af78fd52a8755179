package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** S1's figures of a trace and of a group's traces: when the peak came, the range, the GPU's zero windows, the cut. */
class ResourceFiguresTest {

    private static Trace trace(double[] seconds, double[] values) {
        return new Trace(seconds, values);
    }

    private static GroupResources.RepetitionTraces repetition(String label, TracedMeasure measure, Trace trace) {
        return new GroupResources.RepetitionTraces(label, Map.of(measure, trace));
    }

    @Test
    void mergesConsecutiveZeroSamplesIntoWindowsThatAddUpToTheSecondsAtZero() {
        // Each sample covers the time since the one before it, the first the time since the attempt started.
        Trace gpu = trace(new double[] {0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0}, new double[] {0, 0, 80, 90, 0, 0, 40});

        assertThat(gpu.zeroWindows()).containsExactly(new ZeroWindow(0.0, 1.0), new ZeroWindow(2.0, 4.0));
        assertThat(gpu.secondsAtZero()).isEqualTo(3.0);
    }

    @Test
    void aZeroSampleAtTheVeryStartCoversNoTimeAndMakesNoWindow() {
        Trace gpu = trace(new double[] {0.0, 1.0, 2.0}, new double[] {0, 50, 0});

        assertThat(gpu.zeroWindows()).containsExactly(new ZeroWindow(1.0, 2.0));
        assertThat(trace(new double[] {1, 2}, new double[] {30, 40}).zeroWindows()).isEmpty();
    }

    @Test
    void thePeakComesAtItsFirstHighestSample() {
        Trace cpu = trace(new double[] {1, 2, 3, 4, 5}, new double[] {10, 180, 120, 180, 5});

        assertThat(cpu.peak()).isEqualTo(180.0);
        assertThat(cpu.timeOfPeak()).isEqualTo(2.0);
        assertThat(cpu.lowest()).isEqualTo(5.0);
    }

    @Test
    void profilesAGroupsPeakTimeSteadyLevelRangeAndZeroWindowsOverItsRepetitions() {
        // 0-10 s: start-up at 0 % until 1 s, training, the final evaluation after 9.5 s.
        Trace first = trace(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new double[] {0, 0, 60, 60, 60, 95, 60, 60, 60, 20});
        Trace second = trace(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new double[] {0, 70, 70, 85, 70, 70, 0, 70, 70, 70});

        GroupResources group = GroupResources.of(List.of(
                repetition("rep 1", TracedMeasure.GPU_UTIL_PERCENT, first),
                repetition("rep 2", TracedMeasure.GPU_UTIL_PERCENT, second)));

        GroupResources.MeasureProfile util = group.measures().get(TracedMeasure.GPU_UTIL_PERCENT);
        assertThat(util.peak().orElseThrow().mean()).isEqualTo(90.0);
        // 6 s and 4 s
        assertThat(util.peakSeconds().orElseThrow().mean()).isEqualTo(5.0);
        assertThat(util.peakSeconds().orElseThrow().standardDeviation().orElseThrow())
                .isCloseTo(Math.sqrt(2), within(1e-12));
        // Samples from 2.8 s to 9.1 s: 3 to 9 s; (60 * 6 + 95) / 7 and (70 * 5 + 85 + 0) / 7.
        assertThat(util.steadyState().orElseThrow().mean())
                .isCloseTo(((60 * 6 + 95) / 7.0 + (70 * 5 + 85) / 7.0) / 2, within(1e-12));
        assertThat(util.lowest()).isEqualTo(0.0);
        assertThat(util.highest()).isEqualTo(95.0);
        assertThat(group.gpuZeroWindows()).containsExactly(
                Map.entry("rep 1", List.of(new ZeroWindow(0.0, 2.0))),
                Map.entry("rep 2", List.of(new ZeroWindow(0.0, 1.0), new ZeroWindow(6.0, 7.0))));
        assertThat(group.gpuIdleSeconds().orElseThrow().mean()).isEqualTo(2.0);
    }

    @Test
    void aGroupWithoutGpuSamplesHasNoZeroWindows() {
        GroupResources group = GroupResources.of(List.of(repetition("rep 1", TracedMeasure.PROCESS_CPU_PERCENT,
                trace(new double[] {1, 2}, new double[] {0, 100}))));

        assertThat(group.gpuZeroWindows()).isEmpty();
    }

    @Test
    void aTraceWindowCutsEachTraceBeforeTheMeanAndThePeak() {
        // A late spike at 5 s that S1's window of the first 3 s leaves out.
        GroupResources.RepetitionTraces first = repetition("rep 1", TracedMeasure.PROCESS_CPU_PERCENT,
                trace(new double[] {1, 2, 3, 4, 5}, new double[] {100, 100, 100, 100, 400}));
        GroupResources.RepetitionTraces second = repetition("rep 2", TracedMeasure.PROCESS_CPU_PERCENT,
                trace(new double[] {1, 2, 3, 4, 5}, new double[] {50, 50, 150, 300, 300}));

        GroupResources whole = GroupResources.of(List.of(first, second));
        GroupResources cut = GroupResources.of(List.of(first.until(3), second.until(3)));

        GroupResources.MeasureProfile wholeCpu = whole.measures().get(TracedMeasure.PROCESS_CPU_PERCENT);
        GroupResources.MeasureProfile cutCpu = cut.measures().get(TracedMeasure.PROCESS_CPU_PERCENT);
        assertThat(wholeCpu.trace().orElseThrow().mean()).containsExactly(75.0, 75.0, 125.0, 200.0, 350.0);
        assertThat(cutCpu.trace().orElseThrow().mean()).containsExactly(75.0, 75.0, 125.0);
        assertThat(wholeCpu.peak().orElseThrow().mean()).isEqualTo(350.0);
        assertThat(cutCpu.peak().orElseThrow().mean()).isEqualTo(125.0);
        assertThat(cutCpu.peakSeconds().orElseThrow().mean()).isEqualTo(2.0);
        assertThat(cutCpu.highest()).isEqualTo(150.0);
    }

    @Test
    void aMeasureSampledOnlyAfterTheWindowGoes() {
        GroupResources.RepetitionTraces late = repetition("rep 1", TracedMeasure.GPU_UTIL_PERCENT,
                trace(new double[] {80, 81}, new double[] {0, 90}));

        assertThat(late.until(70).traces()).isEmpty();
        assertThat(trace(new double[] {1, 2, 3}, new double[] {5, 6, 7}).until(2.5).orElseThrow().end()).isEqualTo(2.0);
    }
}
