package io.benchfleet.report;

import io.benchfleet.rundirectory.RunFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: Debian's chromium, headless, which {@code bin/setup test} installs. The page
 * must load with no console message (it has no script, so any would be a broken reference or markup the browser
 * complained about) and draw its charts.
 */
class ReportInBrowserIT {

    /** How long one chromium run may take on a busy 2-core machine. */
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2400;

    @TempDir
    Path runDirectory;

    @TempDir
    Path browserProfile;

    private Path page;

    @BeforeEach
    void writeTheFixtureReport() throws Exception {
        HeadlessChromium.assumeInstalled();
        SweepFixture.create(runDirectory);
        RunReport.write(runDirectory, Optional.empty(), Map.of("pekko", "1.1.3"));
        page = runDirectory.resolve(RunFiles.REPORT_HTML);
    }

    @Test
    void loadsWithoutConsoleMessagesAndHoldsTheCharts() throws Exception {
        HeadlessChromium.Run run = chromium(page, "--dump-dom", "--enable-logging=stderr", "--v=0");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr().lines().filter(line -> line.contains(":CONSOLE(")).toList()).isEmpty();
        // Two curves per epoch (train loss, test accuracy) and two traces (RSS, CPU) of mlp-small.
        assertThat(run.stdout().split("<svg", -1)).hasSizeGreaterThanOrEqualTo(1 + 4);
        assertThat(run.stdout()).contains("<h2 id=\"curves\">", "<h2 id=\"resources\">", "<h2 id=\"environment\">");
    }

    @Test
    void loadsAComparisonOfFrameworksWithoutConsoleMessages(@TempDir Path frameworksRun) throws Exception {
        TwoFrameworksFixture.create(frameworksRun);
        RunReport.write(frameworksRun, Optional.of(new Baseline(Map.of("framework", "pytorch"))), Map.of());

        HeadlessChromium.Run run = chromium(frameworksRun.resolve(RunFiles.REPORT_HTML), "--dump-dom",
                "--enable-logging=stderr", "--v=0");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr().lines().filter(line -> line.contains(":CONSOLE(")).toList()).isEmpty();
        assertThat(run.stdout()).contains("<th colspan=\"2\">pytorch</th>", "<h2 id=\"baseline\">");
    }

    @Test
    void rendersAScreenshotThatIsNotBlank() throws Exception {
        // Kept under target/ for a person to look at after the build (docs/report.png was made this way).
        Path screenshot = Files.createDirectories(Path.of("target")).resolve("report-in-browser.png");

        HeadlessChromium.Run run = chromium(page, "--screenshot=" + screenshot,
                "--window-size=" + WIDTH + "," + HEIGHT);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        // A blank page is one colour; text alone gives a few grey levels; the charts' series colours add more.
        assertThat(colours(image)).hasSizeGreaterThan(32);
    }

    private static Set<Integer> colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours;
    }

    private HeadlessChromium.Run chromium(Path report, String... arguments) throws IOException, InterruptedException {
        return HeadlessChromium.run(browserProfile, BROWSER_TIMEOUT, report.toUri().toString(), arguments);
    }
}
