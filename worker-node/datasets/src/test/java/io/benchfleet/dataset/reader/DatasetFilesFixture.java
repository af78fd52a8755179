package io.benchfleet.dataset.reader;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Small datasets in their real formats. Class c is learnable: CIFAR images are bright in channel
 * c % 3, IDX images in rows 2c and 2c + 1, letter rows have feature c % 16 high.
 */
public final class DatasetFilesFixture {

    private static final int IDX_SIDE = 28;

    private DatasetFilesFixture() {
    }

    /** CIFAR records with {@code labelBytes} label bytes, each holding {@code label(i)}. */
    public static void cifar(Path file, int count, int labelBytes, int classes, long seed) throws IOException {
        Random random = new Random(seed);
        int recordBytes = labelBytes + 3072;
        byte[] bytes = new byte[count * recordBytes];
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            for (int b = 0; b < labelBytes; b++) {
                bytes[i * recordBytes + b] = (byte) label;
            }
            for (int p = 0; p < 3072; p++) {
                boolean bright = p / 1024 == label % 3;
                bytes[i * recordBytes + labelBytes + p] = (byte) (bright ? 150 + random.nextInt(100) : random.nextInt(100));
            }
        }
        Files.write(file, bytes);
    }

    /** Rows of UCI letter CSV, letters A..A+classes-1 in turn. */
    public static void letter(Path file, int rows, int classes, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            int label = i % classes;
            text.append((char) ('A' + label));
            for (int f = 0; f < 16; f++) {
                text.append(',').append(f == label % 16 ? 12 + random.nextInt(4) : random.nextInt(6));
            }
            text.append('\n');
        }
        Files.writeString(file, text);
    }

    /** An IDX image and label file pair, {@code PREFIX-images-idx3-ubyte} and {@code PREFIX-labels-idx1-ubyte}, 28 x 28. */
    public static void idx(Path dir, String prefix, int count, int classes, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] labels = new byte[count];
        byte[] pixels = new byte[count * IDX_SIDE * IDX_SIDE];
        for (int i = 0; i < count; i++) {
            int label = i % classes;
            labels[i] = (byte) label;
            for (int p = 0; p < IDX_SIDE * IDX_SIDE; p++) {
                boolean band = p / IDX_SIDE / 2 == label;
                pixels[i * IDX_SIDE * IDX_SIDE + p] = (byte) (band ? 200 + random.nextInt(56) : random.nextInt(60));
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(IDX_SIDE);
            out.writeInt(IDX_SIDE);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(count);
            out.write(labels);
        }
    }
}
