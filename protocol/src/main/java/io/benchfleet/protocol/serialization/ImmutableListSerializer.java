package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.util.List;

/**
 * Messages hold lists made by {@code List.copyOf}, whose JDK-internal classes Kryo cannot build;
 * they travel as size plus elements and come back as unmodifiable lists again.
 */
final class ImmutableListSerializer extends Serializer<List<?>> {

    ImmutableListSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, List<?> list) {
        output.writeVarInt(list.size(), true);
        for (Object element : list) {
            kryo.writeClassAndObject(output, element);
        }
    }

    @Override
    public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
        int size = DeclaredLength.within(input, input.readVarInt(true), "a list");
        Object[] elements = new Object[size];
        for (int i = 0; i < size; i++) {
            elements[i] = kryo.readClassAndObject(input);
        }
        return List.of(elements);
    }
}
