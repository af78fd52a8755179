package io.benchfleet.dataset.reader;

import io.benchfleet.dataset.DatasetUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** An IDX file: magic, dimension sizes, then the bytes, optionally gzipped. */
    private Path idx(String name, int magic, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(data);
        }
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes.toByteArray());
        }
        return file;
    }

    private Path images(int count, boolean gzip) throws IOException {
        byte[] pixels = new byte[count * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        return idx("images", IdxReader.IMAGES_MAGIC, new int[] {count, 2, 2}, pixels, gzip);
    }

    @Test
    void readsImagesAndLabelsPlainOrGzipped() throws IOException {
        Path images = images(3, true);
        Path labels = idx("labels", IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {2, 0, 1}, false);

        LabelledSamples part = IdxReader.read(images, labels, 10);

        assertThat(part.count()).isEqualTo(3);
        assertThat(part.shape().height()).isEqualTo(2);
        assertThat(part.shape().width()).isEqualTo(2);
        assertThat(part.label(0)).isEqualTo(2);
        assertThat(part.features()).hasSize(12).startsWith(0, 1, 2, 3);
    }

    @Test
    void aWrongMagicNumberNamesTheFileAndTheExpectedOne() throws IOException {
        Path images = idx("images", 0x00000801, new int[] {1}, new byte[] {0}, false);
        Path labels = idx("labels", IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {0}, false);

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10))
                .isInstanceOf(DataFileException.class)
                .hasMessage(images + ": magic number 0x00000801, expected 0x00000803 (IDX images)");
    }

    @Test
    void aTruncatedFileIsNamedWithTheSizeExpected() throws IOException {
        Path images = idx("images", IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, new byte[5], false);
        Path labels = idx("labels", IdxReader.LABELS_MAGIC, new int[] {3}, new byte[3], false);

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10))
                .hasMessage(images + ": truncated: expected 28 bytes of IDX data (after decompression)");
    }

    @Test
    void aLabelOutOfRangeIsNamedWithItsOffset() throws IOException {
        Path images = images(3, false);
        Path labels = idx("labels", IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {1, 10, 2}, false);

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10))
                .hasMessage(labels + ": label 10 at offset 9 is out of range; expected 0..9");
    }

    @Test
    void labelsAndImagesMustBeAsMany() throws IOException {
        Path images = images(3, false);
        Path labels = idx("labels", IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}, false);

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10))
                .hasMessage(labels + ": 2 labels, but images has 3 images");
    }

    @Test
    void aFileThatEndsInsideItsHeaderIsCalledTruncated() throws IOException {
        Path images = images(3, false);
        Path labels = dir.resolve("labels");
        Files.write(labels, new byte[] {0, 0, 8, 1, 0});

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10))
                .hasMessage(labels + ": truncated: the file ends inside its IDX header");
    }

    @Test
    void aFileThisNodeCannotReadIsUnavailableHereRatherThanCorrupt() throws IOException {
        Path images = Files.createDirectory(dir.resolve("images"));
        Path labels = idx("labels", IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {0}, false);

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageStartingWith("cannot read " + images + " on this node: ");
    }

    @Test
    void aGzippedFileWhoseDataIsNotGzipIsCorrupt() throws IOException {
        Path images = dir.resolve("images");
        Files.write(images, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x7f, 0x7f, 0x7f, 0x7f});
        Path labels = idx("labels", IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {0}, false);

        assertThatThrownBy(() -> IdxReader.read(images, labels, 10))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(images + ": ");
    }
}
