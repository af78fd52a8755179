package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The layout of S4's tables: which axis goes into the rows and columns, by the frameworks the report has. */
class StudyMatrixTest {

    private static final GroupStatistics NOTHING_MEASURED = new GroupStatistics(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private static GroupSummary group(String dataset, String architecture, String device, String framework) {
        return new GroupSummary(new GroupKey(dataset, architecture, device, "holdout-0.3", framework, 1.0), 1, 0, 0,
                NOTHING_MEASURED, List.of());
    }

    private static List<StudyMatrix> matrices(List<GroupSummary> groups) {
        return StudyMatrix.of(groups, ShownAxes.of(groups.stream().map(GroupSummary::key).toList()));
    }

    @Test
    void putsTheArchitecturesInTheColumnsWithOneFramework() {
        List<StudyMatrix> matrices = matrices(List.of(group("mnist", "mlp-small", "cpu", "dl4j"),
                group("mnist", "cnn-medium", "cpu", "dl4j"), group("letter", "mlp-small", "cpu", "dl4j"),
                group("mnist", "mlp-small", "gpu", "dl4j")));

        assertThat(matrices).extracting(StudyMatrix::setting)
                .containsExactly("device cpu, split holdout-0.3", "device gpu, split holdout-0.3");
        StudyMatrix cpu = matrices.get(0);
        assertThat(cpu.byFramework()).isFalse();
        assertThat(cpu.rowHeaders()).containsExactly("dataset");
        assertThat(cpu.columns()).containsExactly("mlp-small", "cnn-medium");
        assertThat(cpu.rows()).extracting(StudyMatrix.Row::labels).containsExactly(List.of("mnist"), List.of("letter"));
        assertThat(cpu.rows().get(1).cells().get(1)).isEmpty();
    }

    @Test
    void namesTheOneFrameworkInTheSettingWhenItIsNotDl4j() {
        assertThat(matrices(List.of(group("mnist", "mlp-small", "cpu", "pytorch")))).extracting(StudyMatrix::setting)
                .containsExactly("device cpu, split holdout-0.3, framework pytorch");
    }

    @Test
    void putsTheFrameworksInTheColumnsAndEachDatasetsArchitectureInTheRowsWithSeveral() {
        List<StudyMatrix> matrices = matrices(List.of(group("mnist", "s4-mnist-cnn", "cpu", "dl4j"),
                group("mnist", "s4-mnist-cnn", "cpu", "pytorch"), group("letter", "s4-letter-mlp", "cpu", "pytorch"),
                group("cifar10", "s4-cifar10-cnn", "cpu", "dl4j"), group("cifar10", "s4-cifar10-cnn", "cpu", "mine")));

        assertThat(matrices).hasSize(1);
        StudyMatrix matrix = matrices.get(0);
        assertThat(matrix.byFramework()).isTrue();
        assertThat(matrix.columns()).containsExactly("dl4j", "pytorch", "mine");
        assertThat(matrix.rows()).extracting(row -> row.labels() + " " + row.cells().stream()
                        .map(cell -> cell.map(group -> group.key().framework()).orElse("-")).toList())
                .containsExactly("[mnist, s4-mnist-cnn] [dl4j, pytorch, -]", "[letter, s4-letter-mlp] [-, pytorch, -]",
                        "[cifar10, s4-cifar10-cnn] [dl4j, -, mine]");
    }
}
