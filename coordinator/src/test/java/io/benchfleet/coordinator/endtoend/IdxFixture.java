package io.benchfleet.coordinator.endtoend;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Small MNIST-shaped datasets in the real IDX format: class c is a bright band at rows 2c..2c+1
 * over noise, so a network learns it in one epoch. The train part is written plain, the test part
 * gzipped, as both occur in the wild.
 */
final class IdxFixture {

    private static final int SIDE = 28;
    private static final int CLASSES = 10;

    private IdxFixture() {
    }

    static Path writeMnist(Path dataDir, int trainCount, int testCount) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("mnist"));
        Random random = new Random(42);
        writePart(dir, "train", trainCount, random, false);
        writePart(dir, "t10k", testCount, random, true);
        return dir;
    }

    private static void writePart(Path dir, String prefix, int count, Random random, boolean gzip) throws IOException {
        byte[] labels = new byte[count];
        byte[] pixels = new byte[count * SIDE * SIDE];
        for (int i = 0; i < count; i++) {
            int label = i % CLASSES;
            labels[i] = (byte) label;
            for (int p = 0; p < SIDE * SIDE; p++) {
                int row = p / SIDE;
                boolean band = row / 2 == label;
                pixels[i * SIDE * SIDE + p] = (byte) (band ? 200 + random.nextInt(56) : random.nextInt(60));
            }
        }
        String suffix = gzip ? ".gz" : "";
        try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip))) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(open(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            out.write(labels);
        }
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return gzip ? new GZIPOutputStream(out) : out;
    }
}
