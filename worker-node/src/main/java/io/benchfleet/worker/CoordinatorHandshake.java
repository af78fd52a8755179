package io.benchfleet.worker;

import io.benchfleet.protocol.cluster.ClusterTls;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * After a worker node under TLS failed to join, one handshake of our own with the coordinator's
 * cluster port, with the key and trust stores Artery used, to say why: a refused certificate only
 * shows as a join timeout otherwise (Artery logs the failed handshake and retries). The
 * coordinator's own Artery settings decide. Not before joining: a cold coordinator can take longer
 * than {@link #VERDICT_WAIT_MS} to check its first certificate, and every node would wait for it.
 */
final class CoordinatorHandshake {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /**
     * Under TLS 1.3 the server checks the client's certificate after the client thinks the handshake
     * is done, and says no with an alert on the next read. An accepted node reads nothing (Artery
     * waits for our frames), so silence for this long means yes. Generous, as only a node that
     * failed to join waits for it, and a busy coordinator can take seconds.
     */
    private static final int VERDICT_WAIT_MS = 5_000;

    private CoordinatorHandshake() {
    }

    /** Why the coordinator and this node do not accept each other, or empty when they do (or it cannot be told). */
    static Optional<String> refusal(ClusterTls tls, JoinAddress coordinator) {
        try (SSLSocket socket = (SSLSocket) tls.sslContext().getSocketFactory().createSocket()) {
            try {
                socket.connect(new InetSocketAddress(coordinator.host(), coordinator.port()), CONNECT_TIMEOUT_MS);
            } catch (IOException notListening) {
                // Nothing to tell about certificates: the caller says the coordinator did not answer.
                return Optional.empty();
            }
            return verdict(socket, tls, coordinator);
        } catch (IOException closing) {
            return Optional.empty();
        }
    }

    /** Once connected, every way the connection ends but silence is a no: an alert, a close or a reset. */
    private static Optional<String> verdict(SSLSocket socket, ClusterTls tls, JoinAddress coordinator) {
        try {
            socket.startHandshake();
            socket.setSoTimeout(VERDICT_WAIT_MS);
            return socket.getInputStream().read() < 0 ? Optional.of(refused(coordinator, "it closed the connection"))
                    : Optional.empty();
        } catch (SocketTimeoutException accepted) {
            // Nothing came back: the coordinator took our certificate and waits for cluster frames.
            return Optional.empty();
        } catch (SSLHandshakeException e) {
            return Optional.of(String.valueOf(e.getMessage()).contains("PKIX")
                    || String.valueOf(e.getMessage()).contains("certification path")
                    ? "--tls: this node does not trust the certificate of the coordinator at " + coordinator
                    + "; expected one signed by the CA in " + tls.trustStore()
                    : refused(coordinator, e.getMessage()));
        } catch (IOException e) {
            return Optional.of(refused(coordinator, e.getMessage()));
        }
    }

    private static String refused(JoinAddress coordinator, String why) {
        return "--tls: the coordinator at " + coordinator + " refused this node's TLS connection (" + why
                + "); expected a certificate signed by the cluster's CA (deploy/gen-certs) and a coordinator started with --tls";
    }
}
