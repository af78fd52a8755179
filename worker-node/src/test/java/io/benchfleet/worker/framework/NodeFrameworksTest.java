package io.benchfleet.worker.framework;

import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.worker.attempt.TrainerLauncher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which framework a node offers on which device, and what it says of a task it cannot run. */
class NodeFrameworksTest {

    private static final GpuDevice AMPERE = new GpuDevice(0, "NVIDIA A100", 40L << 30, "535.104", "8.0", "12.2");
    private static final GpuDevice HOPPER = new GpuDevice(1, "NVIDIA H200", 141L << 30, "535.104", "9.0", "12.2");
    private static final TrainerLauncher LAUNCHER = (task, slot) -> {
        throw new IOException("not in this test");
    };

    /** DL4J with the CUDA trainer: no kernels for Hopper. */
    private static final FrameworkTrainer DL4J = FrameworkTrainers.dl4j("3g", Optional.of(Path.of("/opt/lib-cuda")),
            Path.of("/opt/lib-cuda"), Optional.empty());
    private static final FrameworkTrainer DL4J_WITHOUT_CUDA = FrameworkTrainers.dl4j("3g", Optional.empty(),
            Path.of("/opt/lib-cuda"), Optional.empty());
    private static final FrameworkTrainer PYTORCH_CPU = FrameworkTrainers.pytorch(
            new PyTorchProbe.Result.Found("1.13.0a0", List.of(Device.CPU)), Path.of("/usr/bin/python3"),
            Path.of("train.py"));
    private static final FrameworkTrainer PYTORCH_CUDA = FrameworkTrainers.pytorch(
            new PyTorchProbe.Result.Found("2.3.0", List.of(Device.CPU, Device.GPU)), Path.of("/usr/bin/python3"),
            Path.of("train.py"));

    @Test
    void eachFrameworkIsOfferedOnTheSlotDevicesItsTrainerRunsOn() {
        NodeFrameworks frameworks = NodeFrameworks.on(List.of(DL4J, PYTORCH_CPU),
                List.of(SlotName.cpu(), SlotName.gpu(0)), List.of(AMPERE));

        assertThat(frameworks.offers()).containsExactly(
                new FrameworkOffer("dl4j", "1.0.0-M2.1", List.of(Device.CPU, Device.GPU)),
                new FrameworkOffer("pytorch", "1.13.0a0", List.of(Device.CPU)));
        assertThat(frameworks.describe()).containsExactly("dl4j 1.0.0-M2.1 on cpu, gpu", "pytorch 1.13.0a0 on cpu");
        assertThat(frameworks.launcher("pytorch", Device.CPU)).isPresent();
        assertThat(frameworks.launcher("pytorch", Device.GPU)).isEmpty();
    }

    @Test
    void onAHopperNodeOnlyPyTorchTrainsOnTheGpuAndAGpuOnlyNodeOffersNoCpuFramework() {
        NodeFrameworks frameworks = NodeFrameworks.on(List.of(DL4J, PYTORCH_CUDA), List.of(SlotName.gpu(1)),
                List.of(AMPERE, HOPPER));

        assertThat(frameworks.offers()).containsExactly(new FrameworkOffer("pytorch", "2.3.0", List.of(Device.GPU)));
    }

    @Test
    void aUsersTrainerRunsOnEverySlotDevice() {
        var user = FrameworkTrainer.userSupplied("jax", LAUNCHER);

        NodeFrameworks frameworks = NodeFrameworks.on(List.of(user), List.of(SlotName.cpu(), SlotName.gpu(1)),
                List.of(HOPPER));

        assertThat(frameworks.offers())
                .containsExactly(new FrameworkOffer("jax", "user-supplied", List.of(Device.CPU, Device.GPU)));
    }

    @Test
    void aTaskOfAFrameworkNotOfferedIsRefusedNamingWhatIsOffered() {
        NodeFrameworks frameworks = NodeFrameworks.on(List.of(DL4J_WITHOUT_CUDA, PYTORCH_CPU), List.of(SlotName.cpu()),
                List.of());

        assertThat(frameworks.refusal("jax", Device.CPU))
                .isEqualTo("this worker node does not run framework jax (it runs dl4j, pytorch)");
        assertThat(frameworks.refusal("pytorch", Device.GPU))
                .isEqualTo("this worker node does not run framework pytorch on gpu (only on cpu)");
    }

    @Test
    void aGpuIsLeftOutOnlyWhenNoFrameworkTrainsOnItWithEachOnesReason() {
        assertThat(NodeFrameworks.gpuRefusal(List.of(DL4J, PYTORCH_CUDA), HOPPER)).isEmpty();
        assertThat(NodeFrameworks.gpuRefusal(List.of(DL4J_WITHOUT_CUDA, PYTORCH_CPU), AMPERE)).contains(
                "gpu:0 NVIDIA A100: no CUDA trainer in /opt/lib-cuda (bin/setup build-cuda builds it);"
                        + " pytorch: torch 1.13.0a0 in /usr/bin/python3 sees no CUDA GPU");
    }

    @Test
    void theTrainersAreTheBuiltInOnesUnlessReplacedThenTheUsersOwn() {
        var fake = new TrainerOption("dl4j", Path.of("/tmp/fake-trainer"));
        var jax = new TrainerOption("jax", Path.of("/opt/jax-trainer"));

        List<FrameworkTrainer> trainers = FrameworkTrainers.of(List.of(fake, jax), DL4J, () -> Optional.of(PYTORCH_CPU));

        assertThat(trainers).extracting(FrameworkTrainer::name).containsExactly("dl4j", "pytorch", "jax");
        assertThat(trainers).extracting(FrameworkTrainer::version)
                .containsExactly("user-supplied", "1.13.0a0", "user-supplied");
        assertThat(FrameworkTrainers.of(List.of(), DL4J, Optional::empty)).containsExactly(DL4J);
    }
}
