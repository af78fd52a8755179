package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.serialization.JSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * What Pekko does with a frame whose message Kryo refuses (here an acknowledgement without its attempt
 * id, which its constructor turns down): one log event whose exception says why in a line, without a
 * stack trace; the message dropped, and the connection kept, so the sender's next message arrives. The sender is a node whose serializer writes
 * the bytes it is given, as a peer that does not build its messages through their constructors would.
 */
class RefusedMessageTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ActorTestKit receiver = ActorTestKit.create("receiver",
            ClusterConfig.of("127.0.0.1", 0, "worker", Map.of()));
    private final ActorTestKit sender = ActorTestKit.create("sender", ClusterConfig.of("127.0.0.1", 0, "worker", Map.of(
            "pekko.actor.serializers.benchfleet-kryo", RawFrameSerializer.class.getName(),
            "pekko.actor.serialization-bindings.\"" + RawFrame.class.getName() + "\"", "benchfleet-kryo")));
    private final Kryo kryo = KryoSerializer.newKryo(null);

    @AfterEach
    void stop() {
        sender.shutdownTestKit();
        receiver.shutdownTestKit();
    }

    @Test
    void aRefusedMessageIsOneLogLineWithoutStackTraceAndTheConnectionStaysUp() {
        TestProbe<WorkerNodeMessage> slot = receiver.createTestProbe(WorkerNodeMessage.class);
        ActorRef<RawFrame> toSlot = ActorRefResolver.get(sender.system())
                .resolveActorRef(ActorRefResolver.get(receiver.system()).toSerializationFormat(slot.ref()));

        LoggingTestKit.error("Failed to deserialize message")
                .withCustom(event -> event.getThrowable().filter(refusal -> refusal.getStackTrace().length == 0
                        && refusal.getCause() == null
                        && refusal.getMessage().contains("an acknowledgement's attempt id is missing")).isPresent())
                .withOccurrences(1)
                .withCheckExcess(true)
                .expect(receiver.system(), () -> {
                    toSlot.tell(new RawFrame(acknowledgementWithoutAttemptId()));
                    toSlot.tell(new RawFrame(bytesOf(new WorkerNodeMessage.FinalEventRecorded("a-2"))));
                    return slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded("a-2"));
                });
        slot.expectNoMessage(Duration.ofMillis(300));
    }

    /** The record written by hand: its class id, then a null string where the attempt id belongs. */
    private byte[] acknowledgementWithoutAttemptId() {
        Output output = new Output(64, -1);
        output.writeVarInt(kryo.getRegistration(WorkerNodeMessage.FinalEventRecorded.class).getId() + 2, true);
        kryo.writeObjectOrNull(output, null, String.class);
        return output.toBytes();
    }

    private byte[] bytesOf(Object message) {
        Output output = new Output(64, -1);
        kryo.writeClassAndObject(output, message);
        return output.toBytes();
    }

    /** Bytes the sending node puts on the wire as they are. */
    record RawFrame(byte[] bytes) {
    }

    /** Stands in for the Kryo serializer on the sending node, under its identifier, so the receiver decodes with Kryo. */
    public static final class RawFrameSerializer extends JSerializer {

        public RawFrameSerializer(ExtendedActorSystem system) {
        }

        @Override
        public int identifier() {
            return KryoSerializer.IDENTIFIER;
        }

        @Override
        public boolean includeManifest() {
            return false;
        }

        @Override
        public byte[] toBinary(Object message) {
            return ((RawFrame) message).bytes();
        }

        @Override
        public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
            throw new UnsupportedOperationException("the sending node only writes");
        }
    }
}
