package io.benchfleet.dataset.partition;

import io.benchfleet.dataset.reader.DataFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .npy} file of format version 1.0 as {@link NpyWriter} writes it: one of the {@link NpyType}s, C
 * order, and exactly as many data bytes as the shape says. Anything else is a {@link DataFileException} naming the
 * file and what was expected.
 */
public final class NpyReader {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN_ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DIMENSION = Pattern.compile("\\s*(\\d{1,18})\\s*");

    private NpyReader() {
    }

    /**
     * @throws DataFileException when the file is not a .npy file of this kind, or is truncated
     * @throws IOException       when it cannot be read
     */
    public static NpyArray read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer preamble = readFully(channel, NpyWriter.PREAMBLE_BYTES, file, "its preamble");
            byte[] magic = new byte[NpyWriter.MAGIC.length];
            preamble.get(magic);
            if (!Arrays.equals(magic, NpyWriter.MAGIC)) {
                throw new DataFileException(file, "not a .npy file (no \\x93NUMPY magic string)");
            }
            int major = preamble.get() & 0xff;
            int minor = preamble.get() & 0xff;
            if (major != NpyWriter.MAJOR_VERSION || minor != NpyWriter.MINOR_VERSION) {
                throw new DataFileException(file, ".npy format version " + major + "." + minor + "; expected 1.0");
            }
            int headerBytes = preamble.order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
            String header = StandardCharsets.US_ASCII.decode(readFully(channel, headerBytes, file, "its header")).toString();
            NpyType type = type(file, header);
            long[] shape = shape(file, header);
            long dataBytes = dataBytes(file, type, shape);
            long left = channel.size() - channel.position();
            if (left != dataBytes) {
                throw new DataFileException(file, (left < dataBytes ? "truncated" : "too long") + ": " + left
                        + " data bytes; expected " + dataBytes + " for " + NpyArray.describe(type, shape));
            }
            return new NpyArray(type, shape, readFully(channel, (int) dataBytes, file, "its data").array());
        }
    }

    private static NpyType type(Path file, String header) {
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new DataFileException(file, "no 'descr' in the .npy header " + quoted(header));
        }
        Matcher fortran = FORTRAN_ORDER.matcher(header);
        if (!fortran.find() || !fortran.group(1).equals("False")) {
            throw new DataFileException(file, "not in C order ('fortran_order': False expected) in " + quoted(header));
        }
        return NpyType.ofDescr(descr.group(1)).orElseThrow(() -> new DataFileException(file, "element type '"
                + descr.group(1) + "'; expected one of " + NpyType.descrs()));
    }

    private static long[] shape(Path file, String header) {
        Matcher shape = SHAPE.matcher(header);
        if (!shape.find()) {
            throw new DataFileException(file, "no 'shape' in the .npy header " + quoted(header));
        }
        String inner = shape.group(1).strip();
        if (inner.endsWith(",")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        if (inner.isEmpty()) {
            throw new DataFileException(file, "a scalar; expected an array of at least one dimension");
        }
        String[] dimensions = inner.split(",", -1);
        long[] sizes = new long[dimensions.length];
        for (int i = 0; i < dimensions.length; i++) {
            Matcher dimension = DIMENSION.matcher(dimensions[i]);
            if (!dimension.matches()) {
                throw new DataFileException(file, "shape (" + shape.group(1) + ") is not a tuple of sizes");
            }
            sizes[i] = Long.parseLong(dimension.group(1));
        }
        return sizes;
    }

    /** Arrays of up to 2 GiB: the largest partition array, CIFAR's training images, is 154 MB. */
    private static long dataBytes(Path file, NpyType type, long[] shape) {
        long bytes;
        try {
            long elements = 1;
            for (long size : shape) {
                elements = Math.multiplyExact(elements, size);
            }
            bytes = Math.multiplyExact(elements, type.bytes());
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new DataFileException(file, NpyArray.describe(type, shape) + " is larger than the 2 GiB one array may hold");
        }
        return bytes;
    }

    private static ByteBuffer readFully(FileChannel channel, int bytes, Path file, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new DataFileException(file, "truncated in " + what + ": " + buffer.position() + " of " + bytes
                        + " bytes");
            }
        }
        return buffer.flip();
    }

    private static String quoted(String header) {
        return "'" + header.strip() + "'";
    }
}
