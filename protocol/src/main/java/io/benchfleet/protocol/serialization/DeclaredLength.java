package io.benchfleet.protocol.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A length read from the wire, checked before anything is allocated for it: every element or byte
 * takes at least one byte of the frame, so a length beyond what is left is a lie. Without the
 * check a 5-byte varint could make a node allocate gigabytes, and Pekko treats the resulting
 * OutOfMemoryError as fatal.
 */
final class DeclaredLength {

    private DeclaredLength() {
    }

    static int within(Input input, int length, String what) {
        if (length < 0 || length > input.limit() - input.position()) {
            throw new KryoException(what + " of " + length + " does not fit the " + (input.limit() - input.position())
                    + " bytes left in the frame");
        }
        return length;
    }
}
