package io.benchfleet.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, headless, as the browser tests run it on a page: report.html here, the coordinator's dashboard
 * in the coordinator's tests (through this module's test jar). {@code bin/setup test} installs it; a test skips
 * where it is absent.
 */
public final class HeadlessChromium {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    /** What one run of chromium left. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    private HeadlessChromium() {
    }

    /** Skips the calling test where chromium is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(EXECUTABLE),
                EXECUTABLE + " is absent: skipping the browser test (bin/setup test installs Debian's chromium)");
    }

    /**
     * Runs chromium on {@code url} with {@code arguments} (e.g. {@code --dump-dom}) after those every test needs: no
     * sandbox, GPU, network chatter or first-run set-up, and {@code profile} as its profile folder, where its stdout
     * and stderr go too.
     *
     * @throws AssertionError when it has not finished within {@code timeout}
     */
    public static Run run(Path profile, Duration timeout, String url, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        command.add(url);
        Path stdout = profile.resolve("stdout.txt");
        Path stderr = profile.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within " + timeout.toSeconds() + " s: "
                    + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
