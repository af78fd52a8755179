package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studies' sections of report.html as a browser shows them: a report of two frameworks on two datasets, with a
 * hold-out and a k-fold split ({@link StudyFixture}), rendered by Debian's headless chromium; the DOM it built is
 * read back with jsoup, so that each section is checked for the rows and columns a reader sees.
 */
class StudySectionsInBrowserIT {

    @TempDir
    static Path runDirectory;

    @TempDir
    static Path browserProfile;

    private static Document page;

    @BeforeAll
    static void renderTheReportInChromium() throws Exception {
        HeadlessChromium.assumeInstalled();
        StudyFixture.create(runDirectory);
        RunReport.write(runDirectory, Optional.of(new Baseline(Map.of("framework", "dl4j"))), Map.of());
        page = Jsoup.parse(renderedDom(runDirectory.resolve(RunFiles.REPORT_HTML)));
    }

    @Test
    void theTableOfContentsLinksEverySectionAndNothingElse() {
        List<String> links = page.select("nav a[href^=#]").eachAttr("href");
        List<String> sections = page.select("h2[id]").eachAttr("id");

        assertThat(links).containsExactlyElementsOf(sections.stream().map(id -> "#" + id).toList());
        assertThat(sections).startsWith("matrices").contains("framework-memory", "epochs", "framework-charts",
                "curves", "epoch-costs", "resources", "resources-compared", "resource-figures");
    }

    @Test
    void theHoldoutTableHasADatasetPerRowAndAFrameworkPerColumn() {
        Element table = tableAfter("split " + StudyFixture.HOLDOUT);

        assertThat(table.select("tr").get(0).select("th").eachText())
                .containsExactly("dataset", "architecture", "dl4j", "pytorch", "train time against dl4j");
        assertThat(rowLabels(table)).containsExactly("mnist s4-mnist-cnn pytorch 48.8 % faster",
                "letter s4-letter-mlp pytorch 47.1 % faster");
        // mnist: dl4j 20 and 21 s, pytorch 10 and 11 s.
        assertThat(cells(table, 0)).startsWith("20.50", "0.9800", "10.50", "0.9900");
    }

    @Test
    void theKFoldTableGivesEachFrameworksTimeOfAllFoldsPerFoldAndItsRatioToTheHoldout() {
        Element table = tableAfter("split " + StudyFixture.KFOLD);

        assertThat(table.select("tr").get(0).select("th").eachText()).containsExactly("dataset", "architecture",
                "dl4j", "pytorch", "train time against dl4j");
        assertThat(table.select("tr").get(1).select("th").eachText()).containsExactly(
                "all 3 folds (s)", "per fold (s)", "k-fold / hold-out time", "test accuracy",
                "all 3 folds (s)", "per fold (s)", "k-fold / hold-out time", "test accuracy");
        assertThat(rowLabels(table)).containsExactly("mnist s4-mnist-cnn pytorch 50.0 % faster",
                "letter s4-letter-mlp pytorch 50.0 % faster");
        // letter: dl4j folds of 8/3 s, 8 s in all, against 8.5 s on the hold-out.
        assertThat(cells(table, 1)).startsWith("8.00", "2.67");
        assertThat(cells(table, 1).get(2)).isEqualTo("0.94");
    }

    @Test
    void theMemoryBetweenFrameworksSetsPytorchAgainstTheBaselinesDl4j() {
        Element section = page.getElementById("framework-memory");
        Element table = section.nextElementSiblings().select("table").first();

        assertThat(table.select("tr").get(0).select("th").eachText()).contains("framework");
        assertThat(rowLabels(table)).containsExactly("dl4j", "pytorch");
        assertThat(cells(table, 1)).contains("0.500");
    }

    @Test
    void everyChartIsDrawnWithItsDataInChartsCsv() throws IOException {
        List<String> drawn = page.select("svg[id^=chart-]").eachAttr("id");
        List<String> recorded = chartsCsv().stream().map(row -> row.get("chart")).distinct().toList();

        assertThat(drawn).isNotEmpty().containsExactlyInAnyOrderElementsOf(recorded);
        assertThat(page.getElementById("framework-charts").nextElementSiblings().select("svg")).isNotEmpty();
        assertThat(svgTextAfter("resources-compared")).contains("dl4j", "pytorch");
    }

    private static Element tableAfter(String setting) {
        return page.select("#matrices ~ h3").stream()
                .filter(heading -> heading.text().endsWith(setting))
                .findFirst().orElseThrow(() -> new AssertionError("no matrix for " + setting))
                .nextElementSibling();
    }

    private static List<String> rowLabels(Element table) {
        return table.select("tr:has(td)").stream()
                .map(row -> String.join(" ", row.select("td:not(.num)").eachText())).toList();
    }

    private static List<String> cells(Element table, int row) {
        return table.select("tr:has(td)").get(row).select("td.num").eachText().stream()
                .map(text -> text.split(" ")[0]).toList();
    }

    private static String svgTextAfter(String sectionId) {
        return String.join(" ", page.getElementById(sectionId).nextElementSiblings().select("svg text").eachText());
    }

    private static List<CSVRecord> chartsCsv() throws IOException {
        try (Reader in = Files.newBufferedReader(runDirectory.resolve(RunFiles.CHARTS_CSV), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static String renderedDom(Path report) throws IOException, InterruptedException {
        HeadlessChromium.Run run = HeadlessChromium.run(browserProfile, Duration.ofSeconds(90),
                report.toUri().toString(), "--dump-dom");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Files.copy(report, Path.of("target", "study-sections.html"), StandardCopyOption.REPLACE_EXISTING);
        return run.stdout();
    }
}
