package io.benchfleet.protocol.serialization;

import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.event.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KryoSerializerTest {

    private static ActorTestKit testKit;
    private static TestProbe<WorkerNodeMessage> workerProbe;

    @BeforeAll
    static void startActorSystem() {
        testKit = ActorTestKit.create(ClusterConfig.of("127.0.0.1", 0, "test", Map.of()));
        workerProbe = testKit.createTestProbe(WorkerNodeMessage.class);
    }

    @AfterAll
    static void stopActorSystem() {
        testKit.shutdownTestKit();
    }

    static List<Object> examples() {
        TaskSpec task = new TaskSpec("fashion-mnist", "cnn-medium", Device.CPU, "standard", 0, 2, 2L,
                new TrainingSettings(2, 128, 12_000));
        var started = new TrainerEvent.Started(4242, 1, "CPU", List.of("0:ConvolutionLayer=MKLDNNConvHelper"),
                220_234, 12_000, 10_000, 2.5);
        var epoch = new TrainerEvent.Epoch(1, 20.5, 585.4, 0.61, 0.52, 0.81, 120_000_000, 900_000_000, 50_000_000);
        var finished = new TrainerEvent.Finished(41.0, 585.0, 0.83, 0.47);
        var failed = new TrainerEvent.Failed(TrainerEvent.FailureKind.DIVERGED, "loss NaN at epoch 3");
        var host = new HostInfo("node-1", "Linux 6.1", "Intel Xeon", 2, 24L << 30, "17.0.15");
        var sample = new ResourceSample(1.5, 97.0, 800_000_000, 51.0, 5_000_000_000L);
        return List.of(
                new CoordinatorCommand.RegisterWorker("worker-1", host, List.of("cpu")),
                new CoordinatorCommand.RequestTask("worker-1", "cpu", workerProbe.ref()),
                new CoordinatorCommand.ReportEvent("a-1", started),
                new CoordinatorCommand.ReportEvent("a-1", epoch),
                new CoordinatorCommand.ReportEvent("a-1", finished),
                new CoordinatorCommand.ReportEvent("a-1", failed),
                new CoordinatorCommand.ReportSamples("a-1", List.of(sample, sample)),
                new CoordinatorCommand.ReportSamples("a-1", List.of(sample)),
                new CoordinatorCommand.ReportSamples("a-1", List.of()),
                new WorkerNodeMessage.TaskOffer("a-1", task, "data", Duration.ofMillis(500)),
                WorkerNodeMessage.NoTaskNow.INSTANCE);
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
    void garbageBytesAreRejectedWithAnException() {
        var serializer = new KryoSerializer((org.apache.pekko.actor.ExtendedActorSystem)
                Adapter.toClassic(testKit.system()));

        assertThatThrownBy(() -> serializer.fromBinaryJava(new byte[] {0x7f, 0x13, 0x01}, null))
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
