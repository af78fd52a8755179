package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.report.ReferenceGroup;
import io.benchfleet.report.ReferenceMeasure;
import io.benchfleet.report.StudyReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceBlockTest {

    private static final String SWEEP = """
            sweep { datasets = [mnist], architectures = [mlp-small, cnn-medium], devices = [cpu] }
            """;
    private static final String GROUP = "dataset = mnist, architecture = mlp-small, framework = keras,"
            + " source = \"Table 1\"";

    @TempDir
    Path dir;

    private StudyReference read(String block) throws IOException {
        return SweepFile.read(SweepFiles.write(dir, SWEEP + block)).reference().orElseThrow();
    }

    /** The block with one group of these keys; the message SweepFile refuses it with. */
    private void refused(String group, String message) throws IOException {
        refusedBlock("reference { study = S, hardware = H, groups = [{ " + group + " }] }", message);
    }

    private void refusedBlock(String block, String message) throws IOException {
        Path file = SweepFiles.write(dir, SWEEP + block);
        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessage(SweepFiles.NAME + ": " + message);
    }

    @Test
    void readsTheStudyItsHardwareItsGroupsAndWhatItLeavesOpen() throws IOException {
        StudyReference reference = read("""
                reference {
                  study = "S2: Flux vs TensorFlow"
                  hardware = "Intel Xeon, 2 vCPUs; NVIDIA T4"
                  groups = [
                    { dataset = mnist, architecture = cnn-medium, framework = flux, device = cpu, split = standard
                      epoch-seconds = 255.20, test-accuracy = 0.9952, source = "Appendix B.1", note = "train or test?" }
                    { dataset = mnist, architecture = mlp-small, framework = tensorflow, train-fraction = 0.5
                      first-epoch-seconds = [{ value = 312.03, source = "B.1" }, { value = 299, source = "4.3.1" }]
                      source = "Appendix B" }
                  ]
                  ambiguities = ["batch size not stated"]
                  contradictions = ["50 x in 4.3.1, 4.94 x in the tables"]
                }
                """);

        assertThat(reference.study()).isEqualTo("S2: Flux vs TensorFlow");
        assertThat(reference.hardware()).isEqualTo("Intel Xeon, 2 vCPUs; NVIDIA T4");
        ReferenceGroup flux = reference.groups().get(0);
        assertThat(flux.label("/")).isEqualTo("mnist/cnn-medium/cpu/standard/flux");
        assertThat(flux.figures()).containsOnlyKeys(ReferenceMeasure.TEST_ACCURACY, ReferenceMeasure.EPOCH_SECONDS);
        assertThat(flux.figures().get(ReferenceMeasure.EPOCH_SECONDS))
                .containsExactly(new ReferenceGroup.Figure(255.20, Optional.empty()));
        assertThat(flux.note()).contains("train or test?");
        ReferenceGroup tensorflow = reference.groups().get(1);
        assertThat(tensorflow.device()).isEmpty();
        assertThat(tensorflow.split()).isEmpty();
        assertThat(tensorflow.trainFraction()).contains(0.5);
        assertThat(tensorflow.figures().get(ReferenceMeasure.FIRST_EPOCH_SECONDS)).containsExactly(
                new ReferenceGroup.Figure(312.03, Optional.of("B.1")), new ReferenceGroup.Figure(299, Optional.of("4.3.1")));
        assertThat(tensorflow.disagrees(ReferenceMeasure.FIRST_EPOCH_SECONDS)).isTrue();
        assertThat(reference.ambiguities()).containsExactly("batch size not stated");
        assertThat(reference.contradictions()).containsExactly("50 x in 4.3.1, 4.94 x in the tables");
    }

    @Test
    void aSweepWithoutTheBlockHasNoReference() throws IOException {
        assertThat(SweepFile.read(SweepFiles.write(dir, SWEEP)).reference()).isEmpty();
    }

    @Test
    void readsTheReferenceOfARunDirectorysSweepFileAsTheSweepFileDoes() throws IOException {
        Files.writeString(dir.resolve("sweep.conf"), SWEEP + "reference { study = S, hardware = H, groups = [{ "
                + GROUP + ", train-seconds = 15.2 }] }");

        assertThat(ReferenceBlock.ofRunDirectory(dir)).isEqualTo(SweepFile.read(dir.resolve("sweep.conf")).reference())
                .hasValueSatisfying(reference -> assertThat(reference.groups()).hasSize(1));
        assertThat(ReferenceBlock.ofRunDirectory(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void namesTheRunDirectorysSweepFileWhenItsBlockIsMalformed() throws IOException {
        Files.writeString(dir.resolve("sweep.conf"), SWEEP + "reference { study = S }");

        assertThatThrownBy(() -> ReferenceBlock.ofRunDirectory(dir)).isInstanceOf(SweepFileException.class)
                .hasMessage(dir.resolve("sweep.conf") + ": missing key 'reference.hardware': expected a text");
    }

    @Test
    void refusesAnAccuracyGivenInPercent() throws IOException {
        refused(GROUP + ", test-accuracy = 98.61", "reference.groups[0].test-accuracy = 98.61: expected a fraction"
                + " > 0 and <= 1, such as 0.9861 for 98.61 %");
    }

    @Test
    void refusesATimeThatIsNotAboveZero() throws IOException {
        refused(GROUP + ", train-seconds = -15.2", "reference.groups[0].train-seconds = -15.2: expected a number > 0");
    }

    @Test
    void refusesAFigureGivenAsText() throws IOException {
        refused(GROUP + ", epoch-seconds = \"about 10\"", "reference.groups[0].epoch-seconds = \"about 10\": expected"
                + " a number > 0, or a list of { value = <number>, source = \"<where the study prints it>\" }");
    }

    @Test
    void refusesOneOfTwoValuesWithoutItsSource() throws IOException {
        refused(GROUP + ", train-seconds = [{ value = 20.4, source = \"Table 1\" }, { value = 20.5 }]",
                "reference.groups[0].train-seconds[1] = {\"value\":20.5}: expected { value = <number>, source ="
                        + " \"<where the study prints it>\" }");
    }

    @Test
    void refusesAMisspeltFigure() throws IOException {
        refused(GROUP + ", train-time = 15.2", "unknown key 'reference.groups[0].train-time': expected one of"
                + " architecture, dataset, device, epoch-seconds, epoch-seconds-std, first-epoch-seconds, framework,"
                + " memory-bytes, note, samples-per-second, source, split, test-accuracy, train-fraction, train-seconds");
    }

    @Test
    void refusesAGroupWithoutAFigure() throws IOException {
        refused(GROUP, "reference.groups[0] has no figure: expected at least one of train-seconds, test-accuracy,"
                + " epoch-seconds, first-epoch-seconds, epoch-seconds-std, samples-per-second, memory-bytes");
    }

    @Test
    void refusesAGroupWithoutItsSource() throws IOException {
        refused("dataset = mnist, architecture = mlp-small, framework = keras, train-seconds = 15.2",
                "missing key 'reference.groups[0].source': expected a text");
    }

    @Test
    void refusesAnUnknownDataset() throws IOException {
        refused(GROUP.replace("mnist", "mnst") + ", train-seconds = 15.2", "reference.groups[0].dataset = 'mnst' is"
                + " unknown: expected one of " + String.join(", ", DatasetCatalog.names()));
    }

    @Test
    void refusesAnArchitectureNeitherTheSweepNorTheZooKnows() throws IOException {
        Path file = SweepFiles.write(dir, SWEEP + "reference { study = S, hardware = H, groups = [{ "
                + GROUP.replace("mlp-small", "mlp-smal") + ", train-seconds = 15.2 }] }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessageStartingWith(SweepFiles.NAME + ": reference.groups[0].architecture = 'mlp-smal' is unknown:"
                        + " expected one of ").hasMessageContaining("mlp-small, ");
    }

    @Test
    void acceptsAZooArchitectureTheSweepDoesNotTrain() throws IOException {
        assertThat(read("reference { study = S, hardware = H, groups = [{ "
                + GROUP.replace("mlp-small", "cnn-big") + ", train-seconds = 15.2 }] }").groups()).hasSize(1);
    }

    @Test
    void refusesAFrameworkNameAsTheStudyCapitalisedIt() throws IOException {
        refused(GROUP.replace("keras", "Keras") + ", train-seconds = 15.2", "reference.groups[0].framework = 'Keras'"
                + " is not a framework name: expected a lower-case name of letters, digits, '-' or '_' (at most 32),"
                + " starting with a letter, such as keras");
    }

    @Test
    void refusesAnUnknownDevice() throws IOException {
        refused(GROUP + ", device = tpu, train-seconds = 15.2", "reference.groups[0].device = 'tpu' is not a device:"
                + " expected cpu, gpu, or no device where the study does not say");
    }

    @Test
    void refusesASplitThatIsNotALabel() throws IOException {
        refused(GROUP + ", split = holdout, train-seconds = 15.2", "reference.groups[0].split = 'holdout' is not a"
                + " split label: expected standard, holdout-F such as holdout-0.3, or kfold-K such as kfold-10");
    }

    @Test
    void refusesATrainFractionAboveOne() throws IOException {
        refused(GROUP + ", train-fraction = 50, train-seconds = 15.2", "reference.groups[0].train-fraction = 50:"
                + " expected a number > 0 and <= 1, such as 0.5");
    }

    @Test
    void refusesTheSameGroupTwice() throws IOException {
        refusedBlock("reference { study = S, hardware = H, groups = [{ " + GROUP + ", train-seconds = 15.2 }, { "
                + GROUP + ", train-seconds = 15.3 }] }", "reference.groups[1] repeats the group mnist/mlp-small/keras:"
                + " expected each group once, with two values of one figure as a list of { value = <number>, source ="
                + " \"<where the study prints it>\" }");
    }

    @Test
    void refusesABlockWithoutGroups() throws IOException {
        refusedBlock("reference { study = S, hardware = H, groups = [] }", "reference.groups = []: expected a list of"
                + " the study's groups, such as [{ dataset = mnist, architecture = mlp-small, framework = keras,"
                + " train-seconds = 15.2, source = \"Table 1\" }]");
    }

    @Test
    void refusesAReferenceThatIsNotABlock() throws IOException {
        refusedBlock("reference = S4", "reference = \"S4\": expected a block reference { study, hardware,"
                + " groups = [...] }");
    }

    @Test
    void refusesAnUnknownKeyOfTheBlock() throws IOException {
        refusedBlock("reference { study = S, hardware = H, groups = [{ " + GROUP + ", train-seconds = 1 }], notes = [] }",
                "unknown key 'reference.notes': expected one of ambiguities, contradictions, groups, hardware, study");
    }

    @Test
    void refusesContradictionsThatAreNotTexts() throws IOException {
        refusedBlock("reference { study = S, hardware = H, groups = [{ " + GROUP + ", train-seconds = 1 }],"
                + " contradictions = [{ a = 1 }] }", "reference.contradictions = [{\"a\":1}]: expected a list of texts,"
                + " such as [\"...\", \"...\"]");
    }
}
