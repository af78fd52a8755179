package io.benchfleet.dataset.reader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Small datasets in their real formats. Class c is learnable: CIFAR images are bright in channel
 * c % 3, letter rows have feature c % 16 high.
 */
final class DatasetFilesFixture {

    private DatasetFilesFixture() {
    }

    /** CIFAR records with {@code labelBytes} label bytes, each holding {@code label(i)}. */
    static void cifar(Path file, int count, int labelBytes, int classes, long seed) throws IOException {
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
    static void letter(Path file, int rows, int classes, long seed) throws IOException {
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
}
