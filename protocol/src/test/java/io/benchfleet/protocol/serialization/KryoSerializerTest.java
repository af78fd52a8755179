package io.benchfleet.protocol.serialization;

import io.benchfleet.protocol.architecture.Activation;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.GpuSample;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(TestKitJUnit5Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KryoSerializerTest {

    /** A cluster-provider actor system with benchfleet's own serialization settings. */
    @JUnit5TestKit
    ActorTestKit testKit = new JUnit5TestKitBuilder()
            .withCustomConfig(ClusterConfig.of("127.0.0.1", 0, "test", Map.of()))
            .build();

    private TestProbe<WorkerNodeMessage> workerProbe;

    @BeforeAll
    void createProbe() {
        workerProbe = testKit.createTestProbe(WorkerNodeMessage.class);
    }

    List<Object> examples() {
        TaskSpec task = new TaskSpec("fashion-mnist", "cnn-medium", Device.CPU, "standard", 0, 2, 2L,
                new TrainingSettings(2, 128, 12_000, new Optimizer(Optimizer.Kind.SGD, 0.01, 1e-6, 0.9, true)));
        Architecture withEveryLayer = new Architecture("inline", "sweep file", new Shape(3, 32, 32), List.of(
                new Layer.Conv2d(8, 3, Layer.Padding.SAME, Activation.RELU), new Layer.BatchNorm(), new Layer.MaxPool(2),
                new Layer.Dropout(0.25), new Layer.Flatten(), new Layer.Dense(10, Activation.SOFTMAX)),
                Optimizer.of(Optimizer.Kind.ADAM, 0.001), 3, 64);
        var started = new TrainerEvent.Started(1, "dl4j", "1.0.0-M2.1", 4242, 1, "CPU",
                List.of("0:ConvolutionLayer=MKLDNNConvHelper"), 220_234, 12_000, 10_000, 2.5, "ab12");
        var epoch = new TrainerEvent.Epoch(1, 20.5, 585.4, 0.61, 0.79, 0.52, 0.81, 120_000_000, 900_000_000, 50_000_000);
        var gpuEpoch = new TrainerEvent.Epoch(1, 2.5, 4800.0, 0.61, 0.79, 0.52, 0.81, 0, 2_000_000_000, 0,
                Optional.of(1_500_000_000L));
        var finished = new TrainerEvent.Finished(41.0, 585.0, 0.83, 0.47);
        var failed = new TrainerEvent.Failed(TrainerEvent.FailureKind.DIVERGED, "loss NaN at epoch 3");
        var host = new HostInfo("node-1", "Linux 6.1", "Intel Xeon", 2, 24L << 30, "17.0.15",
                List.of(new GpuDevice(0, "NVIDIA H200", 143_771L << 20, "580.159.04", "9.0", "13.0")));
        var gpu = new GpuSample(0, Optional.of(87.0), Optional.of(3_000_000_000L), Optional.of(80_000_000_000L),
                Optional.of(250.5), Optional.of(61.0), Optional.empty(), Optional.of(125.0));
        var sample = ResourceSample.builder(1.5)
                .processCpuPercent(97.0).processRssBytes(800_000_000).processHostCpuPercent(48.5).processThreads(42)
                .hostCpuPercent(51.0).hostUsedBytes(5_000_000_000L).hostAvailableBytes(19_000_000_000L)
                .hostLoadAverage(Optional.of(1.25)).hostCoreCpuPercent(List.of(90.0, 12.5))
                .cpuFrequencyMhz(Optional.of(2600.0)).cpuEnergyJoules(Optional.of(12.5))
                .gpus(List.of(gpu)).samplesDropped(3)
                .build();
        return List.of(
                new CoordinatorCommand.RegisterWorker("worker-1", host, List.of(SlotName.cpu(), SlotName.gpu(1)),
                        List.of(new FrameworkOffer("dl4j", "1.0.0-M2.1", List.of(Device.CPU, Device.GPU)),
                                new FrameworkOffer("pytorch", "1.13.1", List.of(Device.CPU)))),
                new WorkerNodeMessage.PartitionsRetired(List.of("0123456789abcdef")),
                new CoordinatorCommand.RequestTask("worker-1", SlotName.cpu(0), workerProbe.ref()),
                new CoordinatorCommand.ReportEvent("a-1", started, workerProbe.ref()),
                new CoordinatorCommand.ReportEvent("a-1", epoch, workerProbe.ref()),
                new CoordinatorCommand.ReportEvent("a-1", gpuEpoch, workerProbe.ref()),
                new CoordinatorCommand.ReportEvent("a-1", finished, workerProbe.ref()),
                new CoordinatorCommand.ReportEvent("a-1", failed, workerProbe.ref()),
                new CoordinatorCommand.ReportSamples("a-1", List.of(sample, sample)),
                new CoordinatorCommand.ReportSamples("a-1", List.of(sample)),
                new CoordinatorCommand.ReportSamples("a-1", List.of()),
                new WorkerNodeMessage.TaskOffer("a-1", task, withEveryLayer, "data", Duration.ofMillis(500),
                        Duration.ofHours(2)),
                WorkerNodeMessage.NoTaskNow.INSTANCE,
                new WorkerNodeMessage.FinalEventRecorded("a-1"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyMessageSurvivesARoundTripThroughPekkoSerialization(Object message) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));

        byte[] bytes = serialization.serialize(message).get();
        Object back = serialization.deserialize(bytes, serializerId(serialization, message), "").get();

        assertThat(serialization.findSerializerFor(message)).isInstanceOf(KryoSerializer.class);
        assertThat(back).isEqualTo(message);
    }

    @Test
    void examplesCoverEveryRegisteredMessageClass() {
        Set<Class<?>> covered = new java.util.HashSet<>();
        examples().forEach(example -> collectClasses(example, covered));

        assertThat(covered).containsAll(MessageRegistry.CLASSES);
    }

    @Test
    void anUnregisteredClassIsRefusedOnWrite() {
        var serializer = new KryoSerializer((org.apache.pekko.actor.ExtendedActorSystem)
                Adapter.toClassic(testKit.system()));

        assertThatThrownBy(() -> serializer.toBinary(new ArrayList<>(List.of(new Object()))))
                .hasMessageContaining("Class is not registered");
    }

    @Test
    void aFrameNamingAnUnregisteredClassIsRejected() {
        var serializer = new KryoSerializer((org.apache.pekko.actor.ExtendedActorSystem)
                Adapter.toClassic(testKit.system()));
        byte[] classIdNineHundredNinetyEight = {(byte) 0xE8, 0x07, 0x01};

        assertThatThrownBy(() -> serializer.fromBinaryJava(classIdNineHundredNinetyEight, null))
                .hasMessageContaining("unregistered class ID");
    }

    @Test
    void aTruncatedFrameIsRejected() {
        var serializer = new KryoSerializer((org.apache.pekko.actor.ExtendedActorSystem)
                Adapter.toClassic(testKit.system()));
        byte[] whole = serializer.toBinary(examples().get(9));

        assertThatThrownBy(() -> serializer.fromBinaryJava(java.util.Arrays.copyOf(whole, whole.length / 2), null))
                .isInstanceOf(RuntimeException.class);
    }

    private static int serializerId(Serialization serialization, Object message) {
        return serialization.findSerializerFor(message).identifier();
    }

    /** The message's class and the classes of the values inside it, one level of records deep. */
    private static void collectClasses(Object value, Set<Class<?>> into) {
        if (value == null) {
            return;
        }
        into.add(value.getClass());
        if (value instanceof List<?> list) {
            list.forEach(element -> collectClasses(element, into));
        } else if (value instanceof Enum<?> e) {
            into.add(e.getDeclaringClass());
        } else if (value.getClass().isRecord()) {
            for (var component : value.getClass().getRecordComponents()) {
                try {
                    collectClasses(component.getAccessor().invoke(value), into);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
