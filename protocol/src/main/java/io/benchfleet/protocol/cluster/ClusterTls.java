package io.benchfleet.protocol.cluster;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A node's TLS material for Artery {@code tls-tcp} with mutual authentication (docs/architecture.md, decision 6):
 * a folder holding the node's key store {@value #KEY_STORE} (its key and certificate, signed by the
 * cluster's CA) and {@value #TRUST_STORE} (the CA's certificate), as {@code deploy/gen-certs} writes
 * them. One password opens both: {@value #PASSWORD_VARIABLE} from the environment, else the first
 * line of the folder's {@value #PASSWORD_FILE} file, so it never appears on a command line.
 * Everything is checked here, before the node starts, so a bad folder is one clear line instead of
 * a failed handshake later.
 */
public record ClusterTls(Path keyStore, Path trustStore, String password) {

    public static final String KEY_STORE = "node.p12";
    public static final String TRUST_STORE = "truststore.p12";
    public static final String PASSWORD_FILE = "password";
    public static final String PASSWORD_VARIABLE = "BENCHFLEET_TLS_PASSWORD";
    /** TLS 1.3 only: every JDK 17 has it, and its handshake authenticates both sides in one round trip. */
    private static final String PROTOCOL = "TLSv1.3";

    /**
     * @param directory   the {@code --tls} folder
     * @param environment where {@value #PASSWORD_VARIABLE} is looked up
     * @throws IllegalArgumentException one line naming the file and what is wrong with it
     */
    public static ClusterTls fromDirectory(Path directory, Map<String, String> environment) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--tls " + directory + ": no such folder; expected one made by deploy/gen-certs");
        }
        Path keyStore = existing(directory, KEY_STORE).toAbsolutePath();
        Path trustStore = existing(directory, TRUST_STORE).toAbsolutePath();
        ClusterTls tls = new ClusterTls(keyStore, trustStore, password(directory, environment));
        tls.checkCertificate();
        return tls;
    }

    private static Path existing(Path directory, String name) {
        Path file = directory.resolve(name);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--tls " + directory + ": " + name + " is missing or unreadable;"
                    + " expected the node's files from deploy/gen-certs (" + KEY_STORE + ", " + TRUST_STORE + ")");
        }
        return file;
    }

    private static String password(Path directory, Map<String, String> environment) {
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        Path file = directory.resolve(PASSWORD_FILE);
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                throw new IllegalArgumentException("--tls " + directory + ": no password; expected " + PASSWORD_VARIABLE
                        + " in the environment or the password on the first line of " + file);
            }
            return lines.get(0).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls " + directory + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The node's certificate must be valid now and signed by a CA of its own trust store: all peers check the same. */
    private void checkCertificate() {
        KeyStore keys = load(keyStore);
        KeyStore trusted = load(trustStore);
        try {
            String alias = Collections.list(keys.aliases()).stream().filter(name -> isKey(keys, name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--tls: " + keyStore + " holds no private key;"
                            + " expected a node key store from deploy/gen-certs"));
            var chain = keys.getCertificateChain(alias);
            ((X509Certificate) chain[0]).checkValidity();
            // The path ends below the trust anchor: a CA certificate kept in the chain is not part of it.
            List<X509Certificate> belowAnchor = Arrays.stream(chain).map(X509Certificate.class::cast)
                    .filter(cert -> chain.length == 1 || !cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()))
                    .toList();
            var path = CertificateFactory.getInstance("X.509").generateCertPath(belowAnchor);
            var parameters = new PKIXParameters(trusted);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException("--tls: the certificate in " + keyStore + " is not valid now ("
                    + e.getMessage() + "); expected a fresh one from deploy/gen-certs");
        } catch (CertPathValidatorException e) {
            throw new IllegalArgumentException("--tls: the certificate in " + keyStore + " is not signed by the CA in "
                    + trustStore + "; expected both from the same deploy/gen-certs CA");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls: cannot check the certificate in " + keyStore + ": " + e.getMessage());
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls: cannot open " + file + " (wrong password, or not a PKCS#12 file): "
                    + e.getMessage());
        }
    }

    /** The Artery settings; hostnames are not verified, as nodes are known by their CA, not by name (pods, DHCP). */
    public Map<String, Object> pekkoSettings() {
        String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
        return Map.of(
                "pekko.remote.artery.transport", "tls-tcp",
                engine + "key-store", keyStore.toString(),
                engine + "trust-store", trustStore.toString(),
                engine + "key-store-password", password,
                engine + "key-password", password,
                engine + "trust-store-password", password,
                engine + "protocol", PROTOCOL,
                engine + "require-mutual-authentication", "on",
                engine + "hostname-verification", "off");
    }

    /** The same key and trust material for a client connection of our own (a worker node's check before it joins). */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(load(keyStore), password.toCharArray());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(load(trustStore));
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS material checked at start no longer loads", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterTls[" + keyStore + ", " + trustStore + "]";
    }
}
