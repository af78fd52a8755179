package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;

import java.util.ArrayList;

/** Kryo's ArrayList serializer sizes the list by the frame's word; this one checks the word first. */
final class BoundedArrayListSerializer extends CollectionSerializer<ArrayList<Object>> {

    @Override
    protected ArrayList<Object> create(Kryo kryo, Input input, Class<? extends ArrayList<Object>> type, int size) {
        return new ArrayList<>(DeclaredLength.within(input, size, "a list"));
    }
}
