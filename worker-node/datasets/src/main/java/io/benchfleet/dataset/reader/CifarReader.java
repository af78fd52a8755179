package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetLayout;
import io.benchfleet.dataset.DatasetStreams;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import static io.benchfleet.dataset.DatasetLayout.CifarBinary.IMAGE_BYTES;

/**
 * Reads the CIFAR-10 and CIFAR-100 "binary version" (https://www.cs.toronto.edu/~kriz/cifar.html):
 * fixed-size records of label bytes and 3,072 pixel bytes, no header. The pixels are channel-major
 * (1,024 red, then green, then blue), the order the network's 3x32x32 input expects.
 */
public final class CifarReader {

    private static final Shape RGB_32 = new Shape(3, 32, 32);

    private CifarReader() {
    }

    /** The records of these files, in order, labelled by the layout's chosen label byte. */
    public static LabelledSamples read(List<Path> files, DatasetLayout.CifarBinary layout, int classes) {
        List<byte[]> contents = files.stream().map(file -> checkedContent(file, layout.recordBytes())).toList();
        int count = contents.stream().mapToInt(bytes -> bytes.length / layout.recordBytes()).sum();
        byte[] pixels = new byte[Math.multiplyExact(count, IMAGE_BYTES)];
        byte[] labels = new byte[count];
        int sample = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] bytes = contents.get(f);
            for (int offset = 0; offset < bytes.length; offset += layout.recordBytes(), sample++) {
                labels[sample] = label(files.get(f), bytes, offset + layout.labelIndex(), classes);
                System.arraycopy(bytes, offset + layout.labelBytes(), pixels, sample * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new LabelledSamples(pixels, labels, RGB_32, classes);
    }

    private static byte[] checkedContent(Path file, int recordBytes) {
        byte[] bytes;
        try (InputStream in = DatasetStreams.openDecompressed(file)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw ReadFailure.of(file, e);
        }
        if (bytes.length == 0 || bytes.length % recordBytes != 0) {
            throw new DataFileException(file, "truncated or not CIFAR binary: " + bytes.length
                    + " bytes is not a whole number of " + recordBytes + "-byte records (the incomplete one starts at offset "
                    + (long) (bytes.length / recordBytes) * recordBytes + ")");
        }
        return bytes;
    }

    private static byte label(Path file, byte[] bytes, int offset, int classes) {
        int label = bytes[offset] & 0xff;
        if (label >= classes) {
            throw new DataFileException(file, "label " + label + " at offset " + offset + " is out of range; expected 0.."
                    + (classes - 1));
        }
        return (byte) label;
    }
}
