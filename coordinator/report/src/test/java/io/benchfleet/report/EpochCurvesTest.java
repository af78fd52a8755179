package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.rundirectory.AttemptStatus;
import java.util.List;
import java.util.Optional;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class EpochCurvesTest {

    private static final ShownAxes DL4J_ONLY = new ShownAxes(List.of(Task.DL4J), List.of(1.0));
    private static final Task TASK = new Task("t1", "mnist", "mlp-small", "cpu", "standard", 0, 1, Task.DL4J, 1.0);

    @Test
    void leavesOutTheEpochsOfARunWhoseMeasurementOfTheSameTaskFailed() {
        TaskResult succeeded = TaskResult.of("first", TASK, List.of(attempt(AttemptStatus.SUCCEEDED)));
        TaskResult failed = TaskResult.of("second", TASK, List.of(attempt(AttemptStatus.FAILED)));
        List<RecordedEpoch> epochs = List.of(epoch("first", 1, 0.5), epoch("first", 2, 0.3), epoch("second", 1, 2.0));

        XYSeriesCollection curves = new EpochCurves(List.of(succeeded, failed), epochs, DL4J_ONLY)
                .curves(RecordedEpoch::trainLoss).get("mnist, standard");

        assertThat(curves.getSeriesCount()).isEqualTo(1);
        assertThat(curves.getSeries(0).getItemCount()).isEqualTo(2);
        assertThat(curves.getSeries(0).getY(0).doubleValue()).isEqualTo(0.5);
        assertThat(curves.getSeries(0).getY(1).doubleValue()).isEqualTo(0.3);
    }

    @Test
    void averagesTheSameTaskMeasuredInTwoRunsAsTwoRepetitions() {
        List<TaskResult> tasks = List.of(TaskResult.of("first", TASK, List.of(attempt(AttemptStatus.SUCCEEDED))),
                TaskResult.of("second", TASK, List.of(attempt(AttemptStatus.SUCCEEDED))));
        List<RecordedEpoch> epochs = List.of(epoch("first", 1, 0.5), epoch("second", 1, 1.5));

        XYSeriesCollection curves =
                new EpochCurves(tasks, epochs, DL4J_ONLY).curves(RecordedEpoch::trainLoss).get("mnist, standard");

        assertThat(curves.getSeries(0).getY(0).doubleValue()).isEqualTo(1.0);
    }

    @Test
    void drawsEachTrainingSetSizeAsACurveOfItsOwn() {
        Task half = new Task("t2", "mnist", "mlp-small", "cpu", "standard", 0, 1, Task.DL4J, 0.5);
        List<TaskResult> tasks = List.of(TaskResult.of("first", TASK, List.of(attempt(AttemptStatus.SUCCEEDED))),
                TaskResult.of("first", half, List.of(AttemptFixture.attempt("t2-a1", "t2", 1, AttemptStatus.SUCCEEDED)
                        .build())));
        List<RecordedEpoch> epochs = List.of(epoch("first", 1, 0.5), new RecordedEpoch(new TaskInRun("first", "t2"),
                1, 3.0, 1000.0, Optional.of(0.7), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        ShownAxes shown = ShownAxes.of(List.of(GroupKey.of(TASK), GroupKey.of(half)));

        XYSeriesCollection curves = new EpochCurves(tasks, epochs, shown).curves(RecordedEpoch::trainLoss)
                .get("mnist, standard");

        assertThat(curves.getSeriesCount()).isEqualTo(2);
        assertThat(List.of(curves.getSeriesKey(0), curves.getSeriesKey(1)))
                .containsExactly("mlp-small on cpu, train fraction 1", "mlp-small on cpu, train fraction 0.5");
        assertThat(curves.getSeries(0).getY(0).doubleValue()).isEqualTo(0.5);
        assertThat(curves.getSeries(1).getY(0).doubleValue()).isEqualTo(0.7);
    }

    private static RecordedAttempt attempt(AttemptStatus status) {
        return AttemptFixture.attempt("t1-a1", "t1", 1, status)
                .workerHostname(Optional.of("alpha"))
                .trainSeconds(Optional.of(10.0))
                .build();
    }

    private static RecordedEpoch epoch(String run, int number, double trainLoss) {
        return new RecordedEpoch(new TaskInRun(run, "t1"), number, 5.0, 1000.0, Optional.of(trainLoss),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
