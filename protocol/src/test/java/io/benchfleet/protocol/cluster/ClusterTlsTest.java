package io.benchfleet.protocol.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad --tls folders are one line each, before any node starts (ClusterTlsIT runs the good ones, from deploy/gen-certs). */
class ClusterTlsTest {

    @TempDir
    Path dir;

    @Test
    void refusesAFolderThatDoesNotExist() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ClusterTls.fromDirectory(missing, Map.of()))
                .hasMessage("--tls " + missing + ": no such folder; expected one made by deploy/gen-certs");
    }

    @Test
    void refusesAFolderWithoutTheTrustStore() throws Exception {
        Files.writeString(dir.resolve(ClusterTls.KEY_STORE), "x");
        assertThatThrownBy(() -> ClusterTls.fromDirectory(dir, Map.of()))
                .hasMessage("--tls " + dir + ": truststore.p12 is missing or unreadable; expected the node's files"
                        + " from deploy/gen-certs (node.p12, truststore.p12)");
    }

    @Test
    void refusesAFolderWithoutAPassword() throws Exception {
        Files.writeString(dir.resolve(ClusterTls.KEY_STORE), "x");
        Files.writeString(dir.resolve(ClusterTls.TRUST_STORE), "x");
        assertThatThrownBy(() -> ClusterTls.fromDirectory(dir, Map.of()))
                .hasMessage("--tls " + dir + ": no password; expected BENCHFLEET_TLS_PASSWORD in the environment or the"
                        + " password on the first line of " + dir.resolve("password"));
    }

    @Test
    void refusesAKeyStoreThatIsNotOne() throws Exception {
        Files.writeString(dir.resolve(ClusterTls.KEY_STORE), "not pkcs12");
        Files.writeString(dir.resolve(ClusterTls.TRUST_STORE), "x");
        assertThatThrownBy(() -> ClusterTls.fromDirectory(dir, Map.of(ClusterTls.PASSWORD_VARIABLE, "secret")))
                .hasMessageStartingWith("--tls: cannot open " + dir.resolve(ClusterTls.KEY_STORE).toAbsolutePath()
                        + " (wrong password, or not a PKCS#12 file): ");
    }
}
