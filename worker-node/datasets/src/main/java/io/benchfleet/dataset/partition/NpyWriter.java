package io.benchfleet.dataset.partition;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one array as a NumPy {@code .npy} file, format version 1.0 (numpy/lib/format.py): the magic string, the
 * version, the header's length, then the header (a Python dict literal padded with spaces and ended by a newline, so
 * that the data starts on a 64-byte boundary) and the data in C order. {@code numpy.load} reads it, as does
 * {@link NpyReader}.
 * <p>
 * Written here: the Java libraries for the format either pull in a numerical stack (ND4J, which the worker node must
 * not load) or are one-person projects without releases in years; the format itself is a page.
 */
public final class NpyWriter {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    static final int MAJOR_VERSION = 1;
    static final int MINOR_VERSION = 0;
    /** Magic, two version bytes and the header length's two bytes. */
    static final int PREAMBLE_BYTES = MAGIC.length + 4;
    private static final int ALIGNMENT = 64;
    /** Version 1.0 stores the header length in two bytes. */
    private static final int MAX_HEADER_BYTES = 0xffff;

    private NpyWriter() {
    }

    public static void write(Path file, NpyArray array) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            out.write(header(array));
            out.write(array.data());
        }
    }

    /** Everything before the data. */
    static byte[] header(NpyArray array) {
        String dict = "{'descr': '" + array.type().descr() + "', 'fortran_order': False, 'shape': "
                + NpyArray.tuple(array.shape()) + ", }";
        int unpadded = PREAMBLE_BYTES + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        if (header.length() > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("a .npy 1.0 header holds at most " + MAX_HEADER_BYTES + " bytes: "
                    + array.describe());
        }
        ByteBuffer bytes = ByteBuffer.allocate(PREAMBLE_BYTES + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).put((byte) MAJOR_VERSION).put((byte) MINOR_VERSION).putShort((short) header.length());
        bytes.put(header.getBytes(StandardCharsets.US_ASCII));
        return bytes.array();
    }
}
