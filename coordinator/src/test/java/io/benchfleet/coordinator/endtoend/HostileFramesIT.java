package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes that are not a benchfleet node's, sent to the coordinator's cluster port with a raw socket:
 * garbage, a truncated frame, a frame far over {@code maximum-frame-size} and a frame of the right
 * size whose envelope is garbage. Artery drops each connection with a line in the log; the coordinator
 * stays up and a worker node that joins afterwards runs the sweep. (What a frame's payload can make
 * Kryo do is HostileBytesTest's part.) Not here: a frame announcing a negative length, which sends
 * Pekko 1.7's Artery TCP decoder into an endless loop of warnings ({@link #NEGATIVE_LENGTH_FRAME});
 * ClusterTlsIT shows TLS keeps it out, as it keeps out every byte from a node without a certificate.
 */
class HostileFramesIT {

    /** Artery TCP: the magic "PEKK", a stream id (2 = ordinary messages), then frames of length (little-endian int) + bytes. */
    private static final byte[] MAGIC = "PEKK".getBytes(StandardCharsets.US_ASCII);
    private static final byte ORDINARY_STREAM = 2;
    private static final Duration GENEROUS = Duration.ofSeconds(120);
    /** Rejecting a bad frame is a log line or two; a flood of them would fill the disk. */
    static final long MAX_LOG_BYTES = 1_000_000;
    /** A frame whose length is -1, then bytes that make Pekko 1.7's decoder warn ~200,000 times a second, for good. */
    static final byte[] NEGATIVE_LENGTH_FRAME = ByteBuffer.allocate(25).put(MAGIC).put(ORDINARY_STREAM)
            .order(ByteOrder.LITTLE_ENDIAN).putInt(-1)
            .put(HexFormat.of().parseHex("d862c2e36b0a42f7827c67ebc8d44df7")).array();

    @TempDir
    Path dir;

    private final Random random = new Random(7);

    @Test
    void theCoordinatorShrugsOffHostileFramesAndStillRunsTheSweep() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir)) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 2, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            FakeTrainerCluster.await("the coordinator listening", GENEROUS, () -> output(fleet).contains("coordinator at"));

            send(port, randomBytes(64 * 1024));
            send(port, header(), frameLength(1_000), randomBytes(10));
            send(port, header(), frameLength(64 * 1024 * 1024), randomBytes(4 * 1024));
            send(port, header(), frameLength(200), randomBytes(200));

            assertThat(coordinator.isAlive()).as(output(fleet)).isTrue();
            fleet.worker("worker", port, Benchfleet.freePort());
            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(output(fleet)).isZero();
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT COUNT(*) FROM attempts WHERE status = 'succeeded'"))
                    .containsExactly(List.of("2"));
            assertThat(Files.size(runDir.resolve("logs/coordinator.log"))).isLessThan(MAX_LOG_BYTES);
        }
    }

    static void send(int port, byte[]... parts) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
            // Give the node time to read what came before the connection ends.
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closedByTheNode) {
            // Refusing the bytes by closing the connection is what the node should do.
        }
    }

    private static byte[] header() {
        return ByteBuffer.allocate(MAGIC.length + 1).put(MAGIC).put(ORDINARY_STREAM).array();
    }

    private static byte[] frameLength(int length) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array();
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String output(FakeTrainerCluster fleet) {
        try {
            return fleet.output("coordinator");
        } catch (IOException e) {
            return "";
        }
    }
}
