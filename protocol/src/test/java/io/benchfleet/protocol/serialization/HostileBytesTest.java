package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.benchfleet.protocol.trainer.TrainerEvent;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Payloads an attacker (or a broken peer) could put in a frame: each must end in an exception that
 * Pekko logs and drops, never in a class outside the registry being built, a huge allocation or a
 * stack overflow (Errors are fatal to a Pekko node). No actor system: refs are not read here.
 */
class HostileBytesTest {

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
