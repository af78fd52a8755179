package io.benchfleet.dataset.partition;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One array of a {@code .npy} file: its element type, its shape (C order) and its elements as little-endian bytes.
 * Bytes rather than typed arrays, because that is what the file and the partition's hash are made of.
 */
public record NpyArray(NpyType type, long[] shape, byte[] data) {

    public NpyArray {
        shape = shape.clone();
        long expected = Math.multiplyExact(elements(shape), type.bytes());
        if (data.length != expected) {
            throw new IllegalArgumentException(data.length + " bytes do not hold " + describe(type, shape)
                    + " (" + expected + " bytes)");
        }
    }

    public static NpyArray ofBytes(byte[] values, long... shape) {
        return new NpyArray(NpyType.UINT8, shape, values);
    }

    /** Each byte an unsigned class index, widened to int64 as every framework's loss expects it. */
    public static NpyArray ofUnsignedBytesAsInt64(byte[] values) {
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(values.length, Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        for (byte value : values) {
            data.putLong(value & 0xff);
        }
        return new NpyArray(NpyType.INT64, new long[] {values.length}, data.array());
    }

    public static NpyArray ofFloats(float[] values, long... shape) {
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return new NpyArray(NpyType.FLOAT32, shape, data.array());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elements() {
        return elements(shape);
    }

    public long[] int64s() {
        requireType(NpyType.INT64);
        long[] values = new long[data.length / Long.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
        return values;
    }

    public float[] float32s() {
        requireType(NpyType.FLOAT32);
        float[] values = new float[data.length / Float.BYTES];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** E.g. {@code <u1 (60000, 1, 28, 28)}. */
    public String describe() {
        return describe(type, shape);
    }

    private void requireType(NpyType wanted) {
        if (type != wanted) {
            throw new IllegalStateException("a " + describe() + " array read as " + wanted.descr());
        }
    }

    private static long elements(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    static String describe(NpyType type, long[] shape) {
        return type.descr() + " " + tuple(shape);
    }

    /** A shape as Python writes a tuple: {@code (3,)} for one dimension. */
    static String tuple(long[] shape) {
        String inner = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        return "(" + inner + (shape.length == 1 ? ",)" : ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyArray array && type == array.type && Arrays.equals(shape, array.shape)
                && Arrays.equals(data, array.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray[" + describe() + "]";
    }
}
