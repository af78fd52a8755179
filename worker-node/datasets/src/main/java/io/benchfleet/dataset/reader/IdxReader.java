package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetStreams;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), gzipped or
 * not: a big-endian magic number (0x00000803 for 3-D unsigned-byte images, 0x00000801 for 1-D
 * labels), the dimension sizes, then the bytes.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images and labels of one part, checked against each other and against the class count. */
    public static LabelledSamples read(Path imagesFile, Path labelsFile, int classes) {
        Images images = readImages(imagesFile);
        byte[] labels = readLabels(labelsFile, classes);
        if (labels.length != images.count()) {
            throw new DataFileException(labelsFile,
                    labels.length + " labels, but " + imagesFile.getFileName() + " has " + images.count() + " images");
        }
        return new LabelledSamples(images.pixels(), labels, images.shape(), classes);
    }

    private record Images(byte[] pixels, Shape shape, int count) {
    }

    private static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), IMAGES_MAGIC, "images");
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (count < 0 || rows <= 0 || columns <= 0) {
                throw new DataFileException(file, "invalid dimensions " + count + "x" + rows + "x" + columns);
            }
            byte[] pixels = new byte[Math.multiplyExact(count, rows * columns)];
            readFully(file, in, pixels, 16);
            return new Images(pixels, new Shape(1, rows, columns), count);
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated: the file ends inside its IDX header");
        } catch (IOException e) {
            throw ReadFailure.of(file, e);
        }
    }

    private static byte[] readLabels(Path file, int classes) {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), LABELS_MAGIC, "labels");
            int count = in.readInt();
            if (count < 0) {
                throw new DataFileException(file, "invalid label count " + count);
            }
            byte[] labels = new byte[count];
            readFully(file, in, labels, 8);
            for (int i = 0; i < count; i++) {
                if ((labels[i] & 0xff) >= classes) {
                    throw new DataFileException(file, "label " + (labels[i] & 0xff) + " at offset " + (8 + i)
                            + " is out of range; expected 0.." + (classes - 1));
                }
            }
            return labels;
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated: the file ends inside its IDX header");
        } catch (IOException e) {
            throw ReadFailure.of(file, e);
        }
    }

    private static void expectMagic(Path file, int actual, int expected, String what) {
        if (actual != expected) {
            throw new DataFileException(file, String.format(
                    "magic number 0x%08x, expected 0x%08x (IDX %s)", actual, expected, what));
        }
    }

    private static void readFully(Path file, DataInputStream in, byte[] into, int headerBytes) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated: expected " + (headerBytes + (long) into.length)
                    + " bytes of IDX data (after decompression)");
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(DatasetStreams.openDecompressed(file));
    }
}
