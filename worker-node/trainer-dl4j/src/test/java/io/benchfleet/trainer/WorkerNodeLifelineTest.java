package io.benchfleet.trainer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerNodeLifelineTest {

    private final CountDownLatch gone = new CountDownLatch(1);

    @Test
    void theEndOfStdinMeansTheWorkerNodeIsGone() throws Exception {
        var workerNodeEnd = new PipedOutputStream();
        var stdin = new PipedInputStream(workerNodeEnd);
        WorkerNodeLifeline.watch(stdin, gone::countDown);

        workerNodeEnd.close();

        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whateverArrivesOnStdinIsNoEnd() throws Exception {
        var workerNodeEnd = new PipedOutputStream();
        var stdin = new PipedInputStream(workerNodeEnd);
        WorkerNodeLifeline.watch(stdin, gone::countDown);

        workerNodeEnd.write("anything\n".repeat(1000).getBytes());
        workerNodeEnd.flush();

        assertThat(gone.await(300, TimeUnit.MILLISECONDS)).isFalse();
        workerNodeEnd.close();
        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStdinThatCannotBeReadAnyMoreCountsAsEnded() throws Exception {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        WorkerNodeLifeline.watch(broken, gone::countDown);

        assertThat(gone.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void itNeverKeepsTheTrainerAlive() throws Exception {
        var stdin = new PipedInputStream(new PipedOutputStream());

        Thread lifeline = WorkerNodeLifeline.watch(stdin, gone::countDown);

        assertThat(lifeline.isDaemon()).isTrue();
    }
}
