package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S4's own figures beside {@link TwoFrameworksFixture}'s groups (mnist: dl4j 22 s and 0.975, pytorch 12 s and 0.98 on
 * average). The study's TensorFlow stands beside both of ours, its PyTorch beside our PyTorch only, its GPU group
 * beside none; its Theano time is printed twice with different values.
 */
class StudyReferenceTest {

    private static final ReferenceGroup TENSORFLOW = group("tensorflow", "cpu", Map.of(
            ReferenceMeasure.TRAIN_SECONDS, List.of(figure(1005.69)),
            ReferenceMeasure.TEST_ACCURACY, List.of(figure(0.8126))), Optional.empty());
    private static final ReferenceGroup PYTORCH = group("pytorch", "cpu", Map.of(
            ReferenceMeasure.TRAIN_SECONDS, List.of(figure(1281.81))), Optional.empty());
    private static final ReferenceGroup THEANO = group("theano", "cpu", Map.of(ReferenceMeasure.TRAIN_SECONDS, List.of(
            new ReferenceGroup.Figure(1928.22, Optional.of("table 2.2")),
            new ReferenceGroup.Figure(1551.61, Optional.of("section 2.5")))), Optional.of("the time includes <evaluation>?"));
    private static final ReferenceGroup ON_GPU = group("tensorflow", "gpu", Map.of(
            ReferenceMeasure.TRAIN_SECONDS, List.of(figure(318.34))), Optional.empty());
    private static final StudyReference S4 = new StudyReference("S4: TensorFlow vs Theano vs PyTorch, 2020",
            "Intel Core i7-4712MQ <4 cores> & GeForce 840M", List.of(TENSORFLOW, PYTORCH, THEANO, ON_GPU),
            List.of("whether a time includes the evaluation is not stated"),
            List.of("1551.61 s is also printed for CIFAR-100"));

    @TempDir
    Path runDirectory;

    private RunSummary summary;

    @BeforeEach
    void reportBesideS4() throws Exception {
        TwoFrameworksFixture.create(runDirectory);
        summary = RunReport.write(List.of(runDirectory), runDirectory, Optional.empty(), Optional.of(S4), Map.of());
    }

    private static ReferenceGroup group(String framework, String device, Map<ReferenceMeasure,
            List<ReferenceGroup.Figure>> figures, Optional<String> note) {
        return new ReferenceGroup("mnist", "s4-mnist-cnn", framework, Optional.of(device),
                Optional.of(TwoFrameworksFixture.SPLIT), Optional.empty(), figures, "tables 2.2-2.3", note);
    }

    private static ReferenceGroup.Figure figure(double value) {
        return new ReferenceGroup.Figure(value, Optional.empty());
    }

    private ReferenceTable table() {
        return summary.tables().reference().orElseThrow();
    }

    @Test
    void setsAStudyFrameworkWeDoNotRunBesideEachOfOursAndOneWeRunBesideItsOwn() {
        assertThat(table().rows()).extracting(row -> row.study().framework() + " "
                + row.ours().map(group -> group.key().framework()).orElse("none")).containsExactly(
                "tensorflow dl4j", "tensorflow pytorch", "pytorch pytorch", "theano dl4j", "theano pytorch",
                "tensorflow none");
    }

    @Test
    void givesOursOverTheStudysFigureForEachValueItPrinted() {
        ReferenceTable.Row dl4j = table().rows().get(0);
        ReferenceTable.Row theano = table().rows().get(4);

        assertThat(dl4j.ratios(ReferenceMeasure.TRAIN_SECONDS).get(0).orElseThrow())
                .isCloseTo(22.0 / 1005.69, within(1e-12));
        assertThat(dl4j.ratios(ReferenceMeasure.TEST_ACCURACY).get(0).orElseThrow())
                .isCloseTo(0.975 / 0.8126, within(1e-12));
        assertThat(theano.ratios(ReferenceMeasure.TRAIN_SECONDS)).extracting(Optional::orElseThrow)
                .containsExactly(12.0 / 1928.22, 12.0 / 1551.61);
    }

    @Test
    void aSplitMatchesTheSameProtocolWhetherStratifiedOrPlain() {
        List<String> frameworks = List.of("dl4j");

        assertThat(TENSORFLOW.matches(key("cpu", "holdout-0.3-plain"), frameworks)).isTrue();
        assertThat(TENSORFLOW.matches(key("cpu", "holdout-0.2"), frameworks)).isFalse();
        assertThat(TENSORFLOW.matches(key("gpu", "holdout-0.3"), frameworks)).isFalse();
    }

    @Test
    void aStudyThatDoesNotNameItsDeviceOrSplitStandsBesideEveryOne() {
        ReferenceGroup unstated = new ReferenceGroup("mnist", "s4-mnist-cnn", "keras", Optional.empty(),
                Optional.empty(), Optional.of(0.5), Map.of(ReferenceMeasure.MEMORY_BYTES, List.of(figure(5e6))),
                "Fig. 5", Optional.empty());

        assertThat(unstated.matches(new GroupKey("mnist", "s4-mnist-cnn", "gpu", "kfold-10", "dl4j", 0.5),
                List.of("dl4j"))).isTrue();
        assertThat(unstated.matches(new GroupKey("mnist", "s4-mnist-cnn", "gpu", "kfold-10", "dl4j", 1.0),
                List.of("dl4j"))).isFalse();
    }

    private static GroupKey key(String device, String split) {
        return new GroupKey("mnist", "s4-mnist-cnn", device, split, "dl4j", 1.0);
    }

    @Test
    void showsTheStudysRowsBesideOursInReportHtmlAndSaysTheHardwareDiffers() throws IOException {
        String html = html();

        assertThat(html).contains("<h2 id=\"reference\">The study's own figures</h2>")
                .contains("The hardware differs: the study ran on Intel Core i7-4712MQ &lt;4 cores&gt; &amp;"
                        + " GeForce 840M; ours on Intel Xeon.")
                .contains("<tr><td>mnist</td><td>s4-mnist-cnn</td><td>cpu</td><td>holdout-0.3</td><td>tensorflow</td>"
                        + "<td>pytorch</td><td>train time (s)</td><td class=\"num\">1005.69</td>"
                        + "<td class=\"num\">12.00</td><td class=\"num\">0.012</td><td>tables 2.2-2.3</td></tr>")
                .contains("<td>test accuracy</td><td class=\"num\">0.8126</td><td class=\"num\">0.9750</td>"
                        + "<td class=\"num\">1.200</td>")
                .doesNotContain("<td>pytorch</td><td>dl4j</td>");
    }

    @Test
    void showsBothOfTwoValuesTheStudyPrintedForOneFigureAndSaysTheyDisagree() throws IOException {
        assertThat(html()).contains("<td class=\"num\">1928.22; 1551.61 (disagree)</td>"
                        + "<td class=\"num\">22.00</td><td class=\"num\">0.011; 0.014</td>"
                        + "<td>table 2.2; section 2.5 &mdash; the time includes &lt;evaluation&gt;?</td>")
                .contains("<h3>Where the study contradicts itself</h3>\n<ul>\n<li>mnist / s4-mnist-cnn / cpu /"
                        + " holdout-0.3 / theano, train time (s): the study's figures disagree: 1928.22 (table 2.2)"
                        + " against 1551.61 (section 2.5)</li>\n<li>1551.61 s is also printed for CIFAR-100</li>")
                .contains("<h3>What the study leaves open</h3>\n<ul>\n<li>whether a time includes the evaluation"
                        + " is not stated</li>");
    }

    @Test
    void foldsTheStudysGroupsThatMatchNoneOfOurs() throws IOException {
        assertThat(html()).contains("<details><summary>1 of the study's groups match no group of ours in this report"
                + "</summary>\n<table>\n<tr><th>dataset</th><th>architecture</th><th>device</th><th>split</th>"
                + "<th>study's framework</th><th>figure</th><th>study's figure</th><th>source and notes</th></tr>\n"
                + "<tr><td>mnist</td><td>s4-mnist-cnn</td><td>gpu</td><td>holdout-0.3</td><td>tensorflow</td>"
                + "<td>train time (s)</td><td class=\"num\">318.34</td><td>tables 2.2-2.3</td></tr>");
    }

    @Test
    void writesTheStudysFiguresOursAndTheRatiosToReportJson() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile())
                .get("reference");

        assertThat(reference.get("hardware").asText()).isEqualTo(S4.hardware());
        assertThat(reference.get("our_hardware").toString()).isEqualTo("[\"Intel Xeon\"]");
        assertThat(reference.at("/groups/0/figures/train_seconds/0/value").asDouble()).isEqualTo(1005.69);
        assertThat(reference.at("/groups/0/ours/1/framework").asText()).isEqualTo("pytorch");
        assertThat(reference.at("/groups/0/ours/1/figures/train_seconds/value").asDouble()).isEqualTo(12.0);
        assertThat(reference.at("/groups/0/ours/1/figures/train_seconds/ratios/0").asDouble())
                .isCloseTo(12.0 / 1005.69, within(1e-12));
        assertThat(reference.at("/groups/2/figures/train_seconds/1/source").asText()).isEqualTo("section 2.5");
        assertThat(reference.at("/groups/2/disagreeing").toString()).isEqualTo("[\"train_seconds\"]");
        assertThat(reference.at("/groups/3/device").asText()).isEqualTo("gpu");
        assertThat(reference.at("/groups/3/ours").size()).isZero();
        assertThat(reference.get("contradictions").get(0).asText()).isEqualTo("1551.61 s is also printed for CIFAR-100");
    }

    @Test
    void printsAShortBlockOnTheConsole() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleTable.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsSubsequence(
                "the study's own figures (ours / study). The hardware differs: the study ran on Intel Core i7-4712MQ"
                        + " <4 cores> & GeForce 840M; ours on Intel Xeon. A ratio measures our framework on our hardware"
                        + " against the study's framework on its hardware, not the frameworks alone.",
                "  mnist/s4-mnist-cnn/cpu/holdout-0.3/dl4j vs tensorflow: train_seconds 0.022, test_accuracy 1.200",
                "  mnist/s4-mnist-cnn/cpu/holdout-0.3/pytorch vs tensorflow: train_seconds 0.012, test_accuracy 1.206",
                "  mnist/s4-mnist-cnn/cpu/holdout-0.3/pytorch vs pytorch: train_seconds 0.009",
                "  mnist/s4-mnist-cnn/cpu/holdout-0.3/dl4j vs theano: train_seconds 0.011/0.014",
                "  mnist/s4-mnist-cnn/cpu/holdout-0.3/pytorch vs theano: train_seconds 0.006/0.008",
                "  the study's figures disagree: mnist/s4-mnist-cnn/cpu/holdout-0.3/theano train_seconds 1928.22 vs 1551.61",
                "  1 of the study's 4 groups match no group of ours (report.html lists them)");
    }

    @Test
    void aReportWithoutTheStudysFiguresHasNoSuchSection() throws Exception {
        Path other = Files.createDirectory(runDirectory.resolve("other"));
        TwoFrameworksFixture.create(other);

        RunSummary without = RunReport.write(other, Optional.empty(), Map.of());

        assertThat(without.tables().reference()).isEmpty();
        assertThat(Files.readString(other.resolve(RunFiles.REPORT_HTML))).doesNotContain("id=\"reference\"");
        assertThat(new ObjectMapper().readTree(other.resolve(RunFiles.REPORT_JSON).toFile()).get("reference").isNull())
                .isTrue();
    }

    private String html() throws IOException {
        return Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));
    }
}
