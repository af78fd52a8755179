package io.benchfleet.dataset.partition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The element types a data partition's {@code .npy} files hold, by their NumPy type strings (little-endian). */
public enum NpyType {
    UINT8("<u1", 1),
    INT64("<i8", 8),
    FLOAT32("<f4", 4);

    private final String descr;
    private final int bytes;

    NpyType(String descr, int bytes) {
        this.descr = descr;
        this.bytes = bytes;
    }

    /** The type string written in a header, e.g. {@code <u1}. */
    public String descr() {
        return descr;
    }

    public int bytes() {
        return bytes;
    }

    /** NumPy itself writes {@code |u1} for bytes, which have no order; both mean UINT8. */
    static Optional<NpyType> ofDescr(String descr) {
        String littleEndian = descr.equals("|u1") ? UINT8.descr : descr;
        return Arrays.stream(values()).filter(type -> type.descr.equals(littleEndian)).findFirst();
    }

    static List<String> descrs() {
        return Arrays.stream(values()).map(NpyType::descr).toList();
    }
}
