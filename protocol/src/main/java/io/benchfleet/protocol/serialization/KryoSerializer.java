package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;

import java.util.ArrayList;
import java.util.List;

/**
 * Pekko serializer for every {@link io.benchfleet.protocol.cluster.ClusterMessage}: Kryo with
 * registration required, so a frame can only ever produce one of {@link MessageRegistry#CLASSES}.
 * Kryo instances are not thread-safe, hence the pool.
 */
public final class KryoSerializer extends JSerializer {

    /** Pekko reserves 0-40 for itself; any other fixed number works. */
    static final int IDENTIFIER = 7_401_311;
    private static final int POOL_SIZE = 16;
    /** Deeper than any benchfleet message (a task offer's architecture is the deepest, at about 6). */
    static final int MAX_DEPTH = 32;
    private static final String TYPED_ACTOR_REF_CLASS =
            "org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter";

    private final Pool<Kryo> pool;

    public KryoSerializer(ExtendedActorSystem system) {
        ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
        this.pool = new Pool<>(true, false, POOL_SIZE) {
            @Override
            protected Kryo create() {
                return newKryo(resolver);
            }
        };
    }

    static Kryo newKryo(ActorRefResolver resolver) {
        Kryo kryo = new Kryo(new RegisteredClassesOnly(), new MapReferenceResolver());
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        // Our messages nest a few levels; a frame of nested lists must end in an exception, not a StackOverflowError.
        kryo.setMaxDepth(MAX_DEPTH);
        kryo.register(String.class, new BoundedStringSerializer());
        int id = MessageRegistry.FIRST_ID;
        for (Class<?> type : MessageRegistry.CLASSES) {
            kryo.register(type, id++);
        }
        var lists = new ImmutableListSerializer();
        for (Class<?> type : List.of(List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass())) {
            kryo.register(type, lists, id++);
        }
        kryo.register(ArrayList.class, new BoundedArrayListSerializer(), id++);
        kryo.register(typedActorRefClass(), new ActorRefSerializer(resolver), id);
        return kryo;
    }

    private static Class<?> typedActorRefClass() {
        try {
            return Class.forName(TYPED_ACTOR_REF_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Pekko Typed changed its actor ref class: " + TYPED_ACTOR_REF_CLASS, e);
        }
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object message) {
        Kryo kryo = pool.obtain();
        try (Output output = new Output(256, -1)) {
            kryo.writeClassAndObject(output, message);
            return output.toBytes();
        } finally {
            pool.free(kryo);
        }
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        Kryo kryo = pool.obtain();
        try (Input input = new Input(bytes)) {
            return kryo.readClassAndObject(input);
        } catch (RuntimeException e) {
            throw new RefusedFrame(e);
        } finally {
            pool.free(kryo);
        }
    }

    /**
     * Why a frame was refused, in one line and without a stack trace: Artery logs the exception with
     * every refused frame, and a peer sending bad frames must not fill the log with Kryo's stack frames.
     */
    static final class RefusedFrame extends RuntimeException {

        RefusedFrame(RuntimeException refusal) {
            super("refused a frame: " + describe(rootCause(refusal)), null, false, false);
        }

        /** The constructor's own words where a message refused itself, rather than Kryo's reflection wrappers. */
        private static Throwable rootCause(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root;
        }

        private static String describe(Throwable e) {
            return e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
    }
}
