package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.GpuSample;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerEvent;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Payloads an attacker (or a broken peer) could put in a frame: each must end in an exception that
 * Pekko logs and drops, never in a class outside the registry being built, a huge allocation or a
 * stack overflow (Errors are fatal to a Pekko node), nor in a message with a component missing or of
 * another type than it declares, which an actor would trip over. No actor system: refs are not read here.
 */
class HostileBytesTest {

    private static final GpuDevice GPU = new GpuDevice(0, "NVIDIA H200", 143_771L << 20, "580.159.04", "9.0", "13.0");
    private static final HostInfo HOST = new HostInfo("node-1", "Linux 6.1", "Intel Xeon", 2, 24L << 30, "17.0.15",
            List.of(GPU));
    private static final CoordinatorCommand.RegisterWorker REGISTER =
            new CoordinatorCommand.RegisterWorker("worker-1", HOST, List.of(SlotName.cpu(), SlotName.gpu(0)), List.of());

    private final Kryo kryo = KryoSerializer.newKryo(null);

    @Test
    void refusesAClassIdThatIsNotRegistered() {
        assertRefused(out -> out.writeVarInt(9_999 + 2, true));
    }

    @Test
    void refusesAClassByNameWithoutCreatingIt() {
        // Kryo's "class name follows" marker, then a name a gadget chain would use.
        assertRefused(out -> {
            out.writeVarInt(1, true);
            out.writeVarInt(77, true);
            out.writeString(Evil.class.getName());
        });
        assertRefused(out -> {
            out.writeVarInt(1, true);
            out.writeVarInt(78, true);
            out.writeVarInt(Integer.MAX_VALUE, true);
        });
        assertThat(Evil.created).isFalse();
    }

    @Test
    void refusesAStringLongerThanTheFrame() {
        assertRefused(out -> {
            out.writeVarInt(kryo.getRegistration(String.class).getId() + 2, true);
            out.writeVarInt(Integer.MAX_VALUE, true);
        });
    }

    @Test
    void refusesAListLongerThanTheFrame() {
        for (Class<?> type : List.of(ArrayList.class, List.of(1, 2, 3).getClass())) {
            assertRefused(out -> {
                out.writeVarInt(kryo.getRegistration(type).getId() + 2, true);
                out.writeVarInt(Integer.MAX_VALUE - 1, true);
            });
        }
    }

    @Test
    void refusesListsNestedDeeperThanAnyMessage() {
        int listId = kryo.getRegistration(List.of(1).getClass()).getId() + 2;
        assertRefused(out -> {
            for (int i = 0; i < 100_000; i++) {
                out.writeVarInt(listId, true);
                out.writeVarInt(1, true);
            }
        });
    }

    @Test
    void refusesATruncatedMessage() {
        Output whole = new Output(256, -1);
        kryo.writeClassAndObject(whole, new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED, "x".repeat(100)));
        byte[] bytes = whole.toBytes();
        assertRefused(out -> out.writeBytes(Arrays.copyOf(bytes, bytes.length / 2)));
    }

    @Test
    void decodesTheUnalteredMessageTheRefusedOnesAreMadeFrom() {
        assertThat(kryo.readClassAndObject(new Input(element(REGISTER)))).isEqualTo(REGISTER);
    }

    @Test
    void refusesAMessageWithoutOneOfItsComponents() {
        assertRefused(replaced(REGISTER, component(String.class, "worker-1"), component(String.class, null)));
        assertRefused(replaced(REGISTER, component(HostInfo.class, HOST), component(HostInfo.class, null)));
        assertRefused(replaced(REGISTER, element(REGISTER.slots()), element(null)));
        assertRefused(replaced(REGISTER, component(String.class, "NVIDIA H200"), component(String.class, null)));
        var samples = new CoordinatorCommand.ReportSamples("a-1", List.of(ResourceSample.builder(1.0).build()));
        assertRefused(replaced(samples, component(String.class, "a-1"), component(String.class, null)));
    }

    @Test
    void refusesAListOrOptionalHoldingAnotherTypeThanItsComponentDeclares() {
        var sample = ResourceSample.builder(1.0).build();
        assertRefused(replaced(new CoordinatorCommand.ReportSamples("a-1", List.of(sample)), element(sample), element(HOST)));
        assertRefused(replaced(REGISTER, element(GPU), element(SlotName.cpu())));
        var gpu = new GpuSample(0, Optional.of(87.0), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertRefused(replaced(gpu, element(87.0), element("87")));
    }

    /**
     * The frame of {@code message} with the bytes of one of its values swapped for others: what a peer that
     * does not build its messages through their constructors can send.
     */
    private byte[] replaced(Object message, byte[] value, byte[] replacement) {
        byte[] whole = element(message);
        int at = indexOf(whole, value);
        assertThat(at).as("where the value is in the frame of %s", message).isNotNegative();
        Output output = new Output(1024, -1);
        output.writeBytes(whole, 0, at);
        output.writeBytes(replacement);
        output.writeBytes(whole, at + value.length, whole.length - at - value.length);
        return output.toBytes();
    }

    /** A value as a record writes a component of a final type: no class id. */
    private <T> byte[] component(Class<T> type, T value) {
        Output output = new Output(1024, -1);
        kryo.writeObjectOrNull(output, value, type);
        return output.toBytes();
    }

    /** A value as a message, a list element, an optional's content or a component of an open type is written. */
    private byte[] element(Object value) {
        Output output = new Output(1024, -1);
        kryo.writeClassAndObject(output, value);
        return output.toBytes();
    }

    private static int indexOf(byte[] whole, byte[] part) {
        for (int i = 0; i + part.length <= whole.length; i++) {
            if (Arrays.equals(whole, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private void assertRefused(byte[] frame) {
        assertRefused(out -> out.writeBytes(frame));
    }

    private void assertRefused(Consumer<Output> payload) {
        Output output = new Output(1024, -1);
        payload.accept(output);
        assertThatThrownBy(() -> kryo.readClassAndObject(new Input(output.toBytes())))
                .isInstanceOf(RuntimeException.class);
    }

    static final class Evil implements Serializable {
        static boolean created;

        Evil() {
            created = true;
        }
    }
}
