package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.trainer.EventLine;
import io.benchfleet.protocol.trainer.TrainerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Fake trainers are shell one-liners: they speak the event line format, or fail to. */
class TrainerProcessWatcherTest {

    private static final String STARTED = "{\"event\":\"started\",\"protocolVersion\":1,\"framework\":\"dl4j\","
            + "\"frameworkVersion\":\"1.0.0-M2.1\",\"pid\":1,\"threads\":1,\"backend\":\"CPU\","
            + "\"layerHelpers\":[],\"parameters\":10,\"trainSamples\":5,\"testSamples\":3,\"startupSeconds\":1.0}";
    /** What a trainer of the next protocol version might say: the version first, and a field of its own. */
    private static final String STARTED_IN_VERSION_2 = "{\"event\":\"started\",\"protocolVersion\":2,"
            + "\"framework\":\"pytorch\",\"frameworkVersion\":\"3.0\",\"pid\":1,\"threads\":1,\"parameters\":10,"
            + "\"trainSamples\":5,\"testSamples\":3,\"startupSeconds\":1.0}";
    private static final String FINISHED = "{\"event\":\"finished\",\"trainSeconds\":1.0,\"samplesPerSecond\":5.0,"
            + "\"testAccuracy\":0.9,\"testLoss\":0.2}";

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<TrainerEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Process follow(String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script).start();
        new TrainerProcessWatcher("a-1", "dl4j", process).follow(threads, events::add);
        return process;
    }

    private TrainerEvent.Failed onlyFailure() {
        await().until(() -> events.size() == 1);
        return (TrainerEvent.Failed) events.get(0);
    }

    private static void assertEnded(Process trainer) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !trainer.isAlive()
                && trainer.descendants().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void forwardsEveryEventInOrderUpToTheFinalOne() throws IOException {
        follow("echo '" + STARTED + "'; echo '" + FINISHED + "'");

        await().until(() -> events.size() == 2);
        assertThat(events.get(0)).isInstanceOf(TrainerEvent.Started.class);
        assertThat(events.get(1)).isEqualTo(new TrainerEvent.Finished(1.0, 5.0, 0.9, 0.2));
    }

    @Test
    void aStartedLineOfAnotherProtocolVersionEndsTheAttemptAsCrashedAndEndsTheTrainer() throws IOException {
        Process trainer = follow("echo '" + STARTED_IN_VERSION_2 + "'; sleep 30");

        TrainerEvent.Failed failed = onlyFailure();
        assertThat(failed).isEqualTo(new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED,
                "trainer speaks protocol version 2; this worker node speaks 1"));
        assertEnded(trainer);
    }

    @Test
    void aTrainerOfAnotherFrameworkThanTheTasksEndsTheAttemptAsCrashedAndEndsTheTrainer() throws IOException {
        Process trainer = follow("echo '" + STARTED.replace("\"dl4j\"", "\"pytorch\"") + "'; sleep 30");

        assertThat(onlyFailure()).isEqualTo(new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED,
                "trainer says it trains with 'pytorch'; the task's framework is 'dl4j'"));
        assertEnded(trainer);
    }

    @Test
    void aStartedLineWithoutItsProtocolVersionEndsTheAttemptAsCrashed() throws IOException {
        follow("echo '" + STARTED.replace("\"protocolVersion\":1,", "") + "'; sleep 30");

        TrainerEvent.Failed failed = onlyFailure();
        assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.CRASHED);
        assertThat(failed.message()).contains("missing field 'protocolVersion'");
    }

    @Test
    void aTrainerThatDiesWithoutAFinalEventFailsTheAttemptWithItsExitCodeAndStderr() throws IOException {
        follow("echo '" + STARTED + "'; echo 'native crash in libnd4j' >&2; exit 3");

        await().until(() -> events.size() == 2);
        TrainerEvent.Failed failed = (TrainerEvent.Failed) events.get(1);
        assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.CRASHED);
        assertThat(failed.message()).contains("exited with code 3").contains("native crash in libnd4j");
    }

    @Test
    void aKilledTrainerIsReportedWithItsSignal() throws IOException {
        follow("kill -9 $$");

        await().until(() -> events.size() == 1);
        assertThat(((TrainerEvent.Failed) events.get(0)).message()).contains("killed by signal 9");
    }

    @Test
    void aLineThatIsNotAnEventEndsTheAttemptAsCrashed() throws IOException {
        follow("echo 'Loaded native library'; sleep 30");

        await().until(() -> events.size() == 1);
        TrainerEvent.Failed failed = (TrainerEvent.Failed) events.get(0);
        assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.CRASHED);
        assertThat(failed.message()).contains("'Loaded native library'");
    }

    @Test
    void aTrainerThatLingersAfterItsFinalEventIsEndedAfterTheGrace() throws IOException {
        Process trainer = new ProcessBuilder("sh", "-c", "echo '" + STARTED + "'; echo '" + FINISHED + "'; sleep 30")
                .start();
        new TrainerProcessWatcher("a-1", "dl4j", trainer, Duration.ofMillis(200)).follow(threads, events::add);

        await().until(() -> events.size() == 2);
        assertEnded(trainer);
        assertThat(events.get(1)).isInstanceOf(TrainerEvent.Finished.class);
    }

    @Test
    void theLineNullEndsTheAttemptAsCrashedAndEndsTheTrainer() throws IOException {
        Process trainer = follow("echo null; sleep 30");

        TrainerEvent.Failed failed = onlyFailure();
        assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.CRASHED);
        assertThat(failed.message()).contains("'null'");
        assertEnded(trainer);
    }

    @Test
    void aFailedEventWithoutKindOrMessageEndsTheAttemptAsCrashedAndEndsTheTrainer() throws IOException {
        Process trainer = follow("echo '{\"event\":\"failed\"}'; sleep 30");

        TrainerEvent.Failed failed = onlyFailure();
        assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.CRASHED);
        assertThat(failed.message()).contains("'{\"event\":\"failed\"}'");
        assertEnded(trainer);
    }

    @Test
    void aFailureKindOnlyTheSystemDecidesBecomesAnErrorQuotingTheTrainersMessage() throws IOException {
        follow("echo '{\"event\":\"failed\",\"kind\":\"HANDED_BACK\",\"message\":\"run me elsewhere\"}'");

        TrainerEvent.Failed failed = onlyFailure();
        assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.ERROR);
        assertThat(failed.message()).contains("HANDED_BACK").contains("may not").contains("'run me elsewhere'");
    }

    @Test
    void everyFailureKindATrainerMayReportIsPassedOnAsItIs() throws IOException {
        follow("echo '{\"event\":\"failed\",\"kind\":\"DATA_UNAVAILABLE\",\"message\":\"no mnist here\"}'");

        assertThat(onlyFailure()).isEqualTo(
                new TrainerEvent.Failed(TrainerEvent.FailureKind.DATA_UNAVAILABLE, "no mnist here"));
    }

    @Test
    void aLineLongerThanTheLimitEndsTheAttemptAsCrashedWithoutWaitingForItsEnd() throws IOException {
        Process trainer = follow("head -c 2097152 /dev/zero | tr '\\0' x; sleep 30");

        TrainerEvent.Failed failed = onlyFailure();
        assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.CRASHED);
        assertThat(failed.message()).startsWith("trainer printed a line longer than 1 MiB").contains("'xxxx");
        assertEnded(trainer);
    }

    @Test
    void aLineOfExactlyTheLimitIsReadAsALine() throws IOException {
        int padding = EventLine.MAX_BYTES - FINISHED.length();
        follow("printf '%s%" + padding + "s\\n' '" + FINISHED + "' ''");

        await().until(() -> events.size() == 1);
        assertThat(events.get(0)).isInstanceOf(TrainerEvent.Finished.class);
    }

    @Test
    void theTrainersStdinStaysOpenWhileItRuns(@TempDir Path dir) throws IOException {
        Path seen = dir.resolve("stdin");
        follow("if timeout 1 cat >/dev/null; then echo closed > " + seen + "; else echo open > " + seen + "; fi;"
                + " echo '" + FINISHED + "'");

        await().until(() -> events.size() == 1);
        assertThat(seen).hasContent("open");
    }

    @Test
    void theTrainersStdinIsClosedOnceItHasExited(@TempDir Path dir) throws IOException {
        Path closed = dir.resolve("closed");
        // A background job's stdin is /dev/null unless handed over explicitly, hence fd 3.
        Process trainer = follow("exec 3<&0; (cat <&3 >/dev/null; touch " + closed + ") >/dev/null 2>&1 &"
                + " sleep 1; echo '" + FINISHED + "'");

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(closed));
        assertThat(trainer.isAlive()).isFalse();
        await().until(() -> events.size() == 1);
    }

    @Test
    void aLongStderrLineIsCutInTheTailRatherThanKeptWhole() throws IOException {
        follow("head -c 2097152 /dev/zero | tr '\\0' e >&2; echo >&2; echo 'last words' >&2; exit 3");

        TrainerEvent.Failed failed = onlyFailure();
        assertThat(failed.message()).contains("last words").contains("(cut)").hasSizeLessThan(64 * 1024);
    }
}
