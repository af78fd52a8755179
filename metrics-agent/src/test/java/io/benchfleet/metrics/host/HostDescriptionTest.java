package io.benchfleet.metrics.host;

import io.benchfleet.protocol.cluster.HostInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostDescriptionTest {

    @Test
    void describesThisMachinePlausibly() {
        HostInfo host = HostDescription.ofThisMachine();

        assertThat(host.hostname()).isNotBlank();
        assertThat(host.os()).isNotBlank();
        assertThat(host.cpuModel()).isNotNull();
        assertThat(host.logicalCores()).isGreaterThanOrEqualTo(1);
        assertThat(host.memoryBytes()).isPositive();
        assertThat(host.jvm()).contains(Runtime.version().toString());
    }
}
