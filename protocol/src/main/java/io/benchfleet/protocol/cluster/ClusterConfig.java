package io.benchfleet.protocol.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.util.List;
import java.util.Map;

/** The Pekko configuration of a benchfleet node: its own settings over the shared cluster.conf. */
public final class ClusterConfig {

    public static final String SYSTEM_NAME = "benchfleet";
    private static final String SHARED = "io/benchfleet/protocol/cluster.conf";

    private ClusterConfig() {
    }

    /**
     * @param host  the address other nodes reach this one at
     * @param port  0 = any free port
     * @param role  {@code coordinator} or {@code worker}
     * @param extra further settings of this node, e.g. its seed nodes
     */
    public static Config of(String host, int port, String role, Map<String, Object> extra) {
        return ConfigFactory.parseMap(extra)
                .withFallback(ConfigFactory.parseMap(Map.of(
                        "pekko.remote.artery.canonical.hostname", host,
                        "pekko.remote.artery.canonical.port", port,
                        "pekko.cluster.roles", List.of(role))))
                .withFallback(ConfigFactory.parseResources(SHARED))
                .withFallback(ConfigFactory.load())
                .resolve();
    }
}
