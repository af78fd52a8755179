package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.nio.charset.StandardCharsets;

/**
 * Strings as a byte count and UTF-8 bytes, in place of Kryo's own format, whose reader allocates a
 * char array of whatever length the frame claims before reading a byte.
 */
final class BoundedStringSerializer extends Serializer<String> {

    BoundedStringSerializer() {
        super(true, true);
    }

    @Override
    public void write(Kryo kryo, Output output, String text) {
        if (text == null) {
            output.writeVarInt(0, true);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        output.writeVarInt(bytes.length + 1, true);
        output.writeBytes(bytes);
    }

    @Override
    public String read(Kryo kryo, Input input, Class<? extends String> type) {
        int lengthPlusOne = input.readVarInt(true);
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = DeclaredLength.within(input, lengthPlusOne - 1, "a string");
        return new String(input.readBytes(length), StandardCharsets.UTF_8);
    }
}
