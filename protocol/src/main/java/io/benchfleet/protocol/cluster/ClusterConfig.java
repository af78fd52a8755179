package io.benchfleet.protocol.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Pekko configuration of a benchfleet node: its own settings over the shared cluster.conf. */
public final class ClusterConfig {

    public static final String SYSTEM_NAME = "benchfleet";
    private static final String SHARED = "io/benchfleet/protocol/cluster.conf";

    private ClusterConfig() {
    }

    /**
     * Settings in order of precedence: {@code extra}, this node's address and role, {@code -D} system
     * properties (so a test or an operator can shorten e.g. failure detection without a code change),
     * the shared cluster.conf, then the libraries' defaults.
     *
     * @param host  the address other nodes reach this one at
     * @param port  0 = any free port
     * @param role  {@code coordinator} or {@code worker}
     * @param extra further settings of this node, e.g. its seed nodes
     */
    public static Config of(String host, int port, String role, Map<String, Object> extra) {
        return of(host, port, role, extra, Optional.empty());
    }

    /** As {@link #of(String, int, String, Map)}, with cluster traffic under TLS when {@code tls} is given. */
    public static Config of(String host, int port, String role, Map<String, Object> extra, Optional<ClusterTls> tls) {
        return ConfigFactory.parseMap(extra)
                .withFallback(ConfigFactory.parseMap(tls.map(ClusterTls::pekkoSettings).orElse(Map.of())))
                .withFallback(ConfigFactory.parseMap(Map.of(
                        "pekko.remote.artery.canonical.hostname", host,
                        "pekko.remote.artery.canonical.port", port,
                        "pekko.cluster.roles", List.of(role))))
                .withFallback(ConfigFactory.systemProperties())
                .withFallback(ConfigFactory.parseResources(SHARED))
                .withFallback(ConfigFactory.load())
                .resolve();
    }
}
