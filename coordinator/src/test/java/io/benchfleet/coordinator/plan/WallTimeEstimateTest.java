package io.benchfleet.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.coordinator.store.RecordedRun;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WallTimeEstimateTest {

    @TempDir
    Path dir;

    private Sweep sweep(List<String> architectures, int repetitions) throws IOException {
        Path file = Files.writeString(dir.resolve("s.conf"), "sweep { datasets = [mnist], architectures = "
                + architectures + ", repetitions = " + repetitions + " }");
        return SweepFile.read(file).sweep();
    }

    @Test
    void tasksGoInSweepOrderToTheSlotThatFreesFirst() throws Exception {
        List<TaskSpec> measured = sweep(List.of("mlp-small"), 1).tasks();
        WallTimeEstimate.LikeRun like = WallTimeEstimate.LikeRun.read(RecordedRun.write(dir.resolve("run"), "s", measured, 1, 10.0));
        List<TaskSpec> planned = sweep(List.of("mlp-small"), 5).tasks();

        assertThat(WallTimeEstimate.of(planned, like, 1).wall()).isEqualTo(Duration.ofSeconds(50));
        assertThat(WallTimeEstimate.of(planned, like, 2).wall()).as("5 tasks of 10 s on 2 slots: 3 rounds")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(WallTimeEstimate.of(planned, like, 10).wall()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void tasksWithoutALikeInTheRunAreLeftOutAndCounted() throws Exception {
        List<TaskSpec> measured = sweep(List.of("mlp-small"), 1).tasks();
        WallTimeEstimate.LikeRun like = WallTimeEstimate.LikeRun.read(RecordedRun.write(dir.resolve("run"), "s", measured, 1, 4.0));

        WallTimeEstimate estimate = WallTimeEstimate.of(sweep(List.of("mlp-small", "cnn-medium"), 2).tasks(), like, 1);

        assertThat(estimate.estimated()).isEqualTo(2);
        assertThat(estimate.without()).isEqualTo(2);
        assertThat(estimate.wall()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aTaskThatDidNotSucceedInTheRunTeachesNothing() throws Exception {
        List<TaskSpec> measured = sweep(List.of("mlp-small"), 1).tasks();
        WallTimeEstimate.LikeRun like = WallTimeEstimate.LikeRun.read(RecordedRun.write(dir.resolve("run"), "s", measured, 0, 4.0));

        assertThat(WallTimeEstimate.of(measured, like, 1).estimated()).isZero();
    }

    @Test
    void durationsReadInTheLargestUnitThatFits() {
        assertThat(WallTimeEstimate.readable(Duration.ofMillis(12_400))).isEqualTo("12 s");
        assertThat(WallTimeEstimate.readable(Duration.ofSeconds(245))).isEqualTo("4 min 05 s");
        assertThat(WallTimeEstimate.readable(Duration.ofSeconds(3600 + 2 * 60 + 10))).isEqualTo("1 h 02 min");
        assertThat(WallTimeEstimate.readable(Duration.ofSeconds(2 * 3600 - 10))).isEqualTo("2 h 00 min");
    }
}
