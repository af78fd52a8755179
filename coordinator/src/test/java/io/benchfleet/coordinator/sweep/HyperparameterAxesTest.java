package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists in the training block: each combination of their values trains every architecture once more. */
class HyperparameterAxesTest {

    @TempDir
    Path dir;

    private Sweep sweep(String training) throws IOException {
        return SweepFiles.load(write(training, ""));
    }

    private Path write(String training, String report) throws IOException {
        return SweepFiles.write(dir, "sweep { datasets = [mnist], architectures = [mlp-small, cnn-medium], repetitions = 2,"
                + " training { " + training + " } }\n" + report);
    }

    private static List<String> trainings(List<TaskSpec> tasks) {
        return tasks.stream().map(task -> task.architecture() + " batch " + task.training().batchSize() + " lr "
                + task.training().optimizer().learningRate() + " epochs " + task.training().epochs()).distinct().toList();
    }

    @Test
    void listsExpandIntoEveryCombinationWhileAScalarStaysAScalar() throws IOException {
        Sweep sweep = sweep("batch-size = [32, 128], learning-rate = [0.001, 0.01], epochs = 5");

        assertThat(trainings(sweep.tasks())).containsExactly(
                "mlp-small batch 32 lr 0.001 epochs 5", "mlp-small batch 32 lr 0.01 epochs 5",
                "mlp-small batch 128 lr 0.001 epochs 5", "mlp-small batch 128 lr 0.01 epochs 5",
                "cnn-medium batch 32 lr 0.001 epochs 5", "cnn-medium batch 32 lr 0.01 epochs 5",
                "cnn-medium batch 128 lr 0.001 epochs 5", "cnn-medium batch 128 lr 0.01 epochs 5");
        assertThat(sweep.tasks()).hasSize(2 * 4 * 2);
        assertThat(sweep.tasks().stream().map(TaskSpec::id).distinct()).as("the values are in the task id").hasSize(16);
    }

    @Test
    void aLearningRateReplacesTheRateOfTheOptimizerThatApplies() throws IOException {
        Sweep sweep = sweep("learning-rate = 0.05, optimizer { kind = sgd, momentum = 0.9 }");

        assertThat(sweep.tasks()).allSatisfy(task -> {
            assertThat(task.training().optimizer().describe()).isEqualTo("sgd(lr=0.05, momentum=0.9)");
        });
    }

    @Test
    void withoutListsTheTasksAreThoseOfTheScalars() throws IOException {
        assertThat(sweep("batch-size = 64").tasks()).hasSize(4)
                .allSatisfy(task -> assertThat(task.training().batchSize()).isEqualTo(64));
    }

    @Test
    void badListsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> sweep("batch-size = []")).hasMessage(SweepFiles.NAME
                + ": sweep.training.batch-size is empty: expected a value or a list of integers >= 1, such as [32, 128]");
        assertThatThrownBy(() -> sweep("batch-size = [32, 0]"))
                .hasMessage(SweepFiles.NAME + ": sweep.training.batch-size[1] = 0: expected an integer >= 1");
        assertThatThrownBy(() -> sweep("epochs = [2, 2]"))
                .hasMessage(SweepFiles.NAME + ": sweep.training.epochs[1] = 2 appears twice: expected each value once");
        assertThatThrownBy(() -> sweep("learning-rate = [0.01, -1]")).hasMessage(SweepFiles.NAME
                + ": sweep.training.learning-rate[1] = -1.0: expected a number > 0, such as 0.001");
        assertThatThrownBy(() -> sweep("learning-rate = [0.01], optimizer { kind = adam, learning-rate = 0.1 }"))
                .hasMessage(SweepFiles.NAME + ": sweep.training.learning-rate and sweep.training.optimizer.learning-rate"
                        + " are both set: expected one of them");
    }

    @Test
    void theBaselineCanNameAValueOfAHyperparameterAxis() throws IOException {
        Path file = write("batch-size = [32, 128]", "report { baseline { batch-size = 128 } }");

        assertThat(SweepFile.read(file).baseline()).hasValueSatisfying(
                baseline -> assertThat(baseline.axes()).containsEntry("batch-size", "128"));
        assertThatThrownBy(() -> SweepFile.read(write("batch-size = [32, 128]", "report { baseline { batch-size = 64 } }")))
                .hasMessage(SweepFiles.NAME + ": report.baseline.batch-size = '64' is not in the sweep: expected one of 32, 128");
        assertThatThrownBy(() -> SweepFile.read(write("batch-size = [32, 128]", "report { baseline { batch-size = big } }")))
                .hasMessageContaining("report.baseline.batch-size = 'big': expected a number, an integer such as 32");
    }
}
