package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.trainer.TrainerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Fake trainers are shell one-liners: they speak the event line format, or fail to. */
class TrainerProcessWatcherTest {

    private static final String STARTED = "{\"event\":\"started\",\"pid\":1,\"threads\":1,\"backend\":\"CPU\","
            + "\"layerHelpers\":[],\"parameters\":10,\"trainSamples\":5,\"testSamples\":3,\"startupSeconds\":1.0}";
    private static final String FINISHED = "{\"event\":\"finished\",\"trainSeconds\":1.0,\"samplesPerSecond\":5.0,"
            + "\"testAccuracy\":0.9,\"testLoss\":0.2}";

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<TrainerEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private void follow(String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script).start();
        new TrainerProcessWatcher("a-1", process).follow(threads, events::add);
    }

    @Test
    void forwardsEveryEventInOrderUpToTheFinalOne() throws IOException {
        follow("echo '" + STARTED + "'; echo '" + FINISHED + "'");

        await().until(() -> events.size() == 2);
        assertThat(events.get(0)).isInstanceOf(TrainerEvent.Started.class);
        assertThat(events.get(1)).isEqualTo(new TrainerEvent.Finished(1.0, 5.0, 0.9, 0.2));
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
}
