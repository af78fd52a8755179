package io.benchfleet.worker;

import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.UniqueAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker node's id, as results.db, the logs and the coordinator's bookkeeping know it. */
class WorkerIdTest {

    /** Two containers named alike, each with its own address, both on the default port. */
    private static final Address FIRST_CONTAINER = new Address("pekko", "benchfleet", "172.17.0.2", 25520);
    private static final Address SECOND_CONTAINER = new Address("pekko", "benchfleet", "172.17.0.3", 25520);

    @Test
    void twoNodesWithOneHostnameAndOnePortHaveTwoIds() {
        String first = WorkerNodeMain.workerId("worker", new UniqueAddress(FIRST_CONTAINER, 0x5eed_0001_1111_1111L));
        String second = WorkerNodeMain.workerId("worker", new UniqueAddress(SECOND_CONTAINER, 0x5eed_0002_2222_2222L));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aNodeRestartedOnItsPortIsAnotherNode() {
        String before = WorkerNodeMain.workerId("alpha", new UniqueAddress(FIRST_CONTAINER, 7L));
        String after = WorkerNodeMain.workerId("alpha", new UniqueAddress(FIRST_CONTAINER, 8L));

        assertThat(before).isNotEqualTo(after);
    }

    @Test
    void readsAsTheHostnameThenAShortUidThenThePort() {
        String id = WorkerNodeMain.workerId("alpha", new UniqueAddress(FIRST_CONTAINER, 0x0123_4567_89ab_cdefL));

        assertThat(id).isEqualTo("alpha#89abcdef:25520");
    }
}
