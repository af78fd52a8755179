package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** charts.csv of the fixture sweep ({@link SweepFixture}): the values behind every chart of report.html. */
class ChartsCsvTest {

    @TempDir
    Path runDirectory;

    private List<CSVRecord> rows;
    private String html;

    @BeforeEach
    void reportOnTheFixtureSweep() throws Exception {
        SweepFixture.create(runDirectory);
        RunReport.write(runDirectory, Optional.empty(), Map.of());
        try (Reader in = Files.newBufferedReader(runDirectory.resolve(RunFiles.CHARTS_CSV), StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));
    }

    @Test
    void writesTheHeaderOfTheLongFormat() throws IOException {
        assertThat(Files.readAllLines(runDirectory.resolve(RunFiles.CHARTS_CSV)).get(0))
                .isEqualTo("chart,title,series,x_label,x,y_label,y,y_low,y_high");
    }

    @Test
    void holdsTheMeanLossPerEpochTheCurveShows() {
        // mlp-small's train loss: epoch 1 of t1 0.9 and of t2 0.8, epoch 2 0.6 and 0.5; cnn-medium's t3 0.4.
        List<CSVRecord> loss = rows.stream()
                .filter(row -> row.get("title").equals("train loss: fashion-mnist, standard")).toList();

        assertThat(loss).extracting(row -> row.get("series") + " " + row.get("x"))
                .containsExactly("mlp-small on cpu 1", "mlp-small on cpu 2", "cnn-medium on cpu 1");
        assertThat(Double.parseDouble(loss.get(0).get("y"))).isCloseTo(0.85, within(1e-12));
        assertThat(Double.parseDouble(loss.get(1).get("y"))).isCloseTo(0.55, within(1e-12));
        assertThat(Double.parseDouble(loss.get(2).get("y"))).isCloseTo(0.4, within(1e-12));
        assertThat(loss).extracting(row -> row.get("x_label") + " / " + row.get("y_label") + " / "
                + row.get("y_low") + row.get("y_high")).containsOnly("epoch / train loss / ");
        assertThat(loss).extracting(row -> row.get("chart")).containsOnly(loss.get(0).get("chart"));
    }

    @Test
    void givesABandsLowAndHighEnd() {
        List<CSVRecord> band = rows.stream().filter(row -> !row.get("y_low").isEmpty()).toList();

        assertThat(band).isNotEmpty().allSatisfy(row -> {
            assertThat(Double.parseDouble(row.get("y_low"))).isLessThanOrEqualTo(Double.parseDouble(row.get("y")));
            assertThat(Double.parseDouble(row.get("y_high"))).isGreaterThanOrEqualTo(Double.parseDouble(row.get("y")));
        });
    }

    @Test
    void namesEveryChartOfThePageByTheIdItShows() {
        Matcher svg = Pattern.compile("<svg[^>]*\\sid=([\"'])(.*?)\\1").matcher(html);
        List<String> drawn = svg.results().map(match -> match.group(2)).toList();

        assertThat(drawn).isNotEmpty().doesNotHaveDuplicates();
        assertThat(rows.stream().map(row -> row.get("chart")).distinct()).containsExactlyInAnyOrderElementsOf(drawn);
        assertThat(drawn).allSatisfy(chart -> assertThat(html).contains("data: charts.csv, chart = " + chart + "<"));
    }
}
