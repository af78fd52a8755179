package io.benchfleet.dataset.reader;

import io.benchfleet.dataset.DatasetLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CifarReaderTest {

    private static final DatasetLayout.CifarBinary CIFAR10 = new DatasetLayout.CifarBinary(List.of(), List.of(), 1, 0);

    @TempDir
    Path dir;

    @Test
    void readsRecordsOfSeveralFilesInOrder() throws IOException {
        Path first = dir.resolve("data_batch_1.bin");
        Path second = dir.resolve("data_batch_2.bin");
        DatasetFilesFixture.cifar(first, 3, 1, 10, 1);
        DatasetFilesFixture.cifar(second, 2, 1, 10, 2);

        LabelledSamples part = CifarReader.read(List.of(first, second), CIFAR10, 10);

        assertThat(part.count()).isEqualTo(5);
        assertThat(part.shape().channels()).isEqualTo(3);
        assertThat(part.label(2)).isEqualTo(2);
        assertThat(part.label(4)).isEqualTo(1);
        assertThat(part.features()).hasSize(5 * 3072);
        assertThat(part.features()[3072]).isEqualTo(Files.readAllBytes(first)[3073 + 1]);
    }

    @Test
    void cifar100ReadsTheFineOrTheCoarseLabel() throws IOException {
        Path file = dir.resolve("train.bin");
        byte[] record = new byte[3074];
        record[0] = 19;
        record[1] = 99;
        Files.write(file, record);

        assertThat(CifarReader.read(List.of(file), new DatasetLayout.CifarBinary(List.of(), List.of(), 2, 1), 100).label(0))
                .isEqualTo(99);
        assertThat(CifarReader.read(List.of(file), new DatasetLayout.CifarBinary(List.of(), List.of(), 2, 0), 20).label(0))
                .isEqualTo(19);
    }

    @Test
    void readsGzippedFiles() throws IOException {
        Path plain = dir.resolve("plain.bin");
        DatasetFilesFixture.cifar(plain, 2, 1, 10, 1);
        Path gzipped = dir.resolve("test_batch.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(Files.readAllBytes(plain));
        }

        assertThat(CifarReader.read(List.of(gzipped), CIFAR10, 10).features())
                .isEqualTo(CifarReader.read(List.of(plain), CIFAR10, 10).features());
    }

    @Test
    void aTruncatedFileNamesWhereItsIncompleteRecordStarts() throws IOException {
        Path file = dir.resolve("data_batch_1.bin");
        Files.write(file, new byte[2 * 3073 + 100]);

        assertThatThrownBy(() -> CifarReader.read(List.of(file), CIFAR10, 10))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": truncated or not CIFAR binary: 6246 bytes is not a whole number of 3073-byte records"
                        + " (the incomplete one starts at offset 6146)");
    }

    @Test
    void aLabelOutOfRangeIsNamedWithItsOffset() throws IOException {
        Path file = dir.resolve("test_batch.bin");
        byte[] bytes = new byte[2 * 3073];
        bytes[3073] = 10;
        Files.write(file, bytes);

        assertThatThrownBy(() -> CifarReader.read(List.of(file), CIFAR10, 10))
                .hasMessage(file + ": label 10 at offset 3073 is out of range; expected 0..9");
    }
}
