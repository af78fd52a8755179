package io.benchfleet.coordinator.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.report.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's dashboard in a real browser (Debian's chromium, headless, which {@code bin/setup test}
 * installs) during a fake-trainer sweep of two tasks on one worker node, the first training 30 s: the page is
 * loaded afresh at each step and its script draws what the coordinator serves at that moment.
 */
class DashboardInBrowserIT {

    private static final Pattern TASK_ROW = Pattern.compile("<tr id=\"task-([0-9a-f]+)\" data-status=\"([a-z]+)\"");
    private static final Pattern RSS_TRACE = Pattern.compile("data-measure=\"rss_bytes\" data-points=\"(\\d+)\"");

    @TempDir
    Path dir;

    @TempDir
    Path browserProfile;

    @Test
    void aTasksRowGoesFromQueuedToRunningToSucceededWhileItsTraceGrows() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int httpPort = Benchfleet.freePort();
        String url = "http://127.0.0.1:" + httpPort + "/";
        // The first task trains long enough for two page loads of chromium on a busy 2-core machine (up to 10 s each).
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * finish 30", "2 * finish 2")) {
            fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 2, "").toString(), "--run-dir",
                    runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port), "--http-port",
                    Integer.toString(httpPort));
            FakeTrainerCluster.await("the dashboard's URL printed", Duration.ofSeconds(60),
                    () -> output(fleet).contains("dashboard at " + url));
            FakeTrainerCluster.await("the tasks in results.db", Duration.ofSeconds(30),
                    () -> FakeTrainerCluster.query(runDir, "SELECT COUNT(*) FROM tasks").filter("2"::equals).isPresent());

            String queued = page(url);
            String firstTask = firstRow(queued).group(1);
            assertThat(firstRow(queued).group(2)).as(queued).isEqualTo("queued");

            fleet.worker("worker", port, Benchfleet.freePort());
            FakeTrainerCluster.await("the first task's trainer sampled", Duration.ofSeconds(60), () -> FakeTrainerCluster
                    .query(runDir, "SELECT COUNT(*) FROM samples WHERE task_id = '" + firstTask + "'")
                    .map(Integer::parseInt).filter(samples -> samples >= 2).isPresent());
            String running = page(url);
            assertThat(status(running, firstTask)).as(running).isEqualTo("running");
            int pointsBefore = rssPoints(running);

            Thread.sleep(2_000);
            String later = page(url);
            assertThat(status(later, firstTask)).isEqualTo("running");
            assertThat(rssPoints(later)).as("the RSS trace of the running attempt grows").isGreaterThan(pointsBefore);

            FakeTrainerCluster.await("the first task succeeded", Duration.ofSeconds(60), () -> FakeTrainerCluster
                    .query(runDir, "SELECT status FROM attempts WHERE task_id = '" + firstTask + "'")
                    .filter("succeeded"::equals).isPresent());
            String succeeded = page(url);
            assertThat(status(succeeded, firstTask)).as(succeeded).isEqualTo("succeeded");
        }
    }

    private static String output(FakeTrainerCluster fleet) {
        try {
            return fleet.output("coordinator");
        } catch (IOException e) {
            return "";
        }
    }

    private static Matcher firstRow(String page) {
        Matcher row = TASK_ROW.matcher(page);
        assertThat(row.find()).as("a task row in " + page).isTrue();
        return row;
    }

    private static String status(String page, String task) {
        Matcher row = TASK_ROW.matcher(page);
        while (row.find()) {
            if (row.group(1).equals(task)) {
                return row.group(2);
            }
        }
        throw new AssertionError("no row for task " + task + " in " + page);
    }

    private static int rssPoints(String page) {
        Matcher trace = RSS_TRACE.matcher(page);
        assertThat(trace.find()).as("an RSS trace in " + page).isTrue();
        return Integer.parseInt(trace.group(1));
    }

    /** The page's DOM once its script has polled: chromium runs it for a few seconds of virtual time. */
    private String page(String url) throws IOException, InterruptedException {
        return HeadlessChromium.run(browserProfile, Duration.ofSeconds(60), url, "--virtual-time-budget=3000",
                "--dump-dom").stdout();
    }
}
