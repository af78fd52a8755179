package io.benchfleet.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinAddressTest {

    @Test
    void parsesHostAndPortIntoASeedNode() {
        JoinAddress address = JoinAddress.parse("10.0.0.5:25520");

        assertThat(address).isEqualTo(new JoinAddress("10.0.0.5", 25520));
        assertThat(address.seedNode()).isEqualTo("pekko://benchfleet@10.0.0.5:25520");
    }

    @Test
    void aLoopbackCoordinatorIsReachedFromLoopback() {
        assertThat(JoinAddress.parse("127.0.0.1:25520").localAddressTowards()).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesAddressesWithoutAUsablePort() {
        assertThatThrownBy(() -> JoinAddress.parse("node1")).hasMessageContaining("is not HOST:PORT");
        assertThatThrownBy(() -> JoinAddress.parse("node1:")).hasMessageContaining("is not HOST:PORT");
        assertThatThrownBy(() -> JoinAddress.parse("node1:http")).hasMessageContaining("no port number");
        assertThatThrownBy(() -> JoinAddress.parse("node1:70000")).hasMessageContaining("out of range 1-65535");
    }
}
