package io.benchfleet.coordinator.run;

import io.benchfleet.coordinator.queue.FrameworkOnDevice;
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
    void saysHowManyTasksWaitForASlotThatRunsTheirFrameworkOnTheirDevice() {
        var line = new ProgressLine("s", 16);

        line.update(new Progress(4, 0, 0, 12), 1, Map.of(new FrameworkOnDevice("pytorch", Device.CPU), 4,
                new FrameworkOnDevice("dl4j", Device.GPU), 8));
        assertThat(line.message()).isEqualTo("8 dl4j/gpu tasks wait for a slot that runs them; 4 pytorch/cpu tasks wait"
                + " for a slot that runs them; done 4, running 0, failed 0, queued 12; 1 worker node(s)");

        line.update(new Progress(4, 0, 0, 1), 1, Map.of(new FrameworkOnDevice("jax", Device.GPU), 1));
        assertThat(line.message()).startsWith("1 jax/gpu task waits for a slot that runs it; done 4");
    }
}
