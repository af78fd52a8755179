package io.benchfleet.coordinator.run;

import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.protocol.sweep.Device;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

    @Test
    void countsTheTasksAndWorkerNodes() {
        var line = new ProgressLine("s", 16);

        line.update(new Progress(3, 1, 0, 12), 2, Map.of());

        assertThat(line.message()).isEqualTo("done 3, running 1, failed 0, queued 12; 2 worker node(s)");
    }

    @Test
    void saysHowManyTasksWaitForASlotOfTheirDevice() {
        var line = new ProgressLine("s", 16);

        line.update(new Progress(4, 0, 0, 12), 1, Map.of(Device.GPU, 12));
        assertThat(line.message()).isEqualTo("12 tasks wait for a gpu slot; done 4, running 0, failed 0, queued 12;"
                + " 1 worker node(s)");

        line.update(new Progress(4, 0, 0, 1), 1, Map.of(Device.GPU, 1));
        assertThat(line.message()).startsWith("1 task waits for a gpu slot; done 4");
    }
}
