package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/** Actor references travel as Pekko's own serialization format, resolved on arrival. */
final class ActorRefSerializer extends Serializer<ActorRef<?>> {

    private final ActorRefResolver resolver;

    ActorRefSerializer(ActorRefResolver resolver) {
        this.resolver = resolver;
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
        kryo.writeObject(output, resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
        return resolver.resolveActorRef(kryo.readObject(input, String.class));
    }
}
