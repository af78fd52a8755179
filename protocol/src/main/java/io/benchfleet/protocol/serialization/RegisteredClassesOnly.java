package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's class resolver without class names on the wire. With registration required Kryo still
 * reads a class name when a frame says one follows, loads that class and only then refuses it;
 * here the frame is refused before its name is read.
 */
final class RegisteredClassesOnly extends DefaultClassResolver {

    @Override
    protected Registration readName(Input input) {
        throw new KryoException("a frame names a class; only registered class ids are accepted");
    }
}
