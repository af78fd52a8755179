package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.protocol.trainer.TrainerTask;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer JVM's command line per slot: a cpu slot's with the class archive where there is one, a gpu slot's with the CUDA jars in front. */
class JvmTrainerLauncherTest {

    private static final Path CUDA_LIB = Path.of("/opt/benchfleet/worker-node/target/lib-cuda");

    private static TrainerTask task(Device device) {
        var architecture = ArchitectureZoo.byName("mlp-small").orElseThrow();
        var task = new TaskSpec("mnist", "mlp-small", device, "standard", 0, 1, 1,
                new TrainingSettings(1, 128, 0, architecture.optimizer()));
        return new TrainerTask("attempt-1", task, architecture,
                new DataPartition("/tmp/partitions/0123", "ab", 10, 5, architecture.input(), 10), 2);
    }

    private static String classpathOf(List<String> command) {
        return command.get(command.indexOf("-cp") + 1);
    }

    @Test
    void aCpuSlotsTrainerGetsTheNodesClasspathAndTheOneDnnVariant() {
        var command = new JvmTrainerLauncher("3g", Optional.of(CUDA_LIB), Optional.empty())
                .command(task(Device.CPU), SlotName.cpu());

        assertThat(classpathOf(command)).isEqualTo(System.getProperty("java.class.path"));
        assertThat(command).contains("-Xmx3g", "-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2",
                "-Dbenchfleet.logging=trainer").noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void aCpuSlotsTrainerMapsTheClassArchiveWithTheClasspathItWasMadeWith() {
        var archive = new TrainerClassArchive(Path.of("/opt/archive/trainer.jsa"), "/opt/lib/a.jar:/opt/lib/b.jar");

        var command = new JvmTrainerLauncher("3g", Optional.of(CUDA_LIB), Optional.of(archive))
                .command(task(Device.CPU), SlotName.cpu());

        assertThat(classpathOf(command)).isEqualTo("/opt/lib/a.jar:/opt/lib/b.jar");
        assertThat(command).contains("-XX:SharedArchiveFile=/opt/archive/trainer.jsa");
    }

    @Test
    void theJvmsOwnWarningsGoToStderrNotToTheEventStream() {
        var command = new JvmTrainerLauncher("3g", Optional.empty(), Optional.empty())
                .command(task(Device.CPU), SlotName.cpu());

        assertThat(command).containsSubsequence("-Xlog:disable", "-Xlog:all=warning:stderr");
    }

    @Test
    void aGpuSlotsTrainerGetsTheCudaJarsInFrontAndTheCudnnVariantButNoClassArchive() {
        var archive = new TrainerClassArchive(Path.of("/opt/archive/trainer.jsa"), "/opt/lib/a.jar");

        var command = new JvmTrainerLauncher("3g", Optional.of(CUDA_LIB), Optional.of(archive))
                .command(task(Device.GPU), SlotName.gpu(1));

        assertThat(classpathOf(command))
                .isEqualTo(CUDA_LIB.resolve("*") + File.pathSeparator + System.getProperty("java.class.path"));
        assertThat(command).contains("-Dorg.bytedeco.javacpp.platform.extension=-cudnn")
                .doesNotContain("-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2")
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void aGpuSlotsTrainerSeesOnlyItsGpu() {
        Map<String, String> gpu = new HashMap<>();
        Map<String, String> cpu = new HashMap<>();

        TrainerLauncher.pinToSlotGpus(SlotName.gpu(1), gpu);
        TrainerLauncher.pinToSlotGpus(SlotName.cpu(1), cpu);

        assertThat(gpu).containsExactly(Map.entry("CUDA_VISIBLE_DEVICES", "1"));
        assertThat(cpu).isEmpty();
    }
}
