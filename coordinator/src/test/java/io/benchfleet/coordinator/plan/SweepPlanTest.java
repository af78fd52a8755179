package io.benchfleet.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.coordinator.sweep.SweepFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {

    private static final String SWEEP = """
            sweep {
              name = plan-test
              datasets = [mnist, fashion-mnist]
              architectures = [mlp-small, { name = s4-mnist-cnn, datasets = [mnist] }]
              frameworks = [dl4j, pytorch]
              devices = [cpu, gpu]
              split { kind = kfold, k = 3 }
              repetitions = 2
              training { epochs = 4 }
            }
            """;

    @TempDir
    Path dir;

    private SweepPlan plan() throws IOException {
        return new SweepPlan(SweepFile.read(Files.writeString(dir.resolve("plan.conf"), SWEEP)).sweep());
    }

    private String printed(int shownTasks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plan().print("plan.conf", new PrintStream(out, true, StandardCharsets.UTF_8), shownTasks,
                dataset -> dataset + " (somewhere)");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsTheTasksOfEachAxisValueAsTheSweepExpandsThem() throws IOException {
        SweepPlan plan = plan();

        // (mnist: 2 architectures, fashion-mnist: 1) x 2 frameworks x 2 devices x 3 folds x 2 repetitions
        assertThat(plan.tasks()).hasSize(72);
        assertThat(plan.tasksPer(task -> task.dataset())).isEqualTo(Map.of("mnist", 48L, "fashion-mnist", 24L));
        assertThat(plan.tasksPer(task -> task.architecture())).isEqualTo(Map.of("mlp-small", 48L, "s4-mnist-cnn", 24L));
        assertThat(plan.tasksPer(task -> task.device().label())).isEqualTo(Map.of("cpu", 36L, "gpu", 36L));
    }

    @Test
    void printsTheAxesWhatWorkerNodesNeedAndTheFirstTasks() throws IOException {
        List<String> lines = printed(3).lines().toList();

        assertThat(lines.get(0)).isEqualTo("sweep plan-test (plan.conf): 72 tasks");
        assertThat(lines).contains(
                "  datasets         mnist (48) · fashion-mnist (24)",
                "  frameworks       dl4j (36) · pytorch (36)",
                "  split            kfold-3, 3 fold(s) per repetition",
                "  datasets         mnist (somewhere); fashion-mnist (somewhere)",
                "  slots            cpu (36) · gpu (36)",
                "  frameworks       dl4j on cpu (18) · pytorch on cpu (18) · dl4j on gpu (18) · pytorch on gpu (18)",
                "tasks (the first 3 of 72; --tasks N shows more)");
        assertThat(lines).anyMatch(line -> line.contains("gpu tasks wait for a worker node with --slots gpu"));
        List<String> taskRows = lines.subList(lines.indexOf("tasks (the first 3 of 72; --tasks N shows more)") + 2,
                lines.size());
        assertThat(taskRows).hasSize(3);
        assertThat(taskRows.get(0)).startsWith("  " + plan().tasks().get(0).id()).contains("mnist", "mlp-small", "dl4j",
                "kfold-3", "epochs 4");
    }

    @Test
    void listsNoTasksWhenAskedForNone() throws IOException {
        assertThat(printed(0)).doesNotContain("tasks (").doesNotContain(plan().tasks().get(0).id());
    }
}
