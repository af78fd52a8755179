package io.benchfleet.dataset.partition;

import io.benchfleet.dataset.reader.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The .npy writer and reader: what numpy.save writes for the same arrays, and every way a file can be wrong. */
class NpyFilesTest {

    @TempDir
    Path dir;

    private Path written(String name, NpyArray array) throws IOException {
        Path file = dir.resolve(name);
        NpyWriter.write(file, array);
        return file;
    }

    /** The file with its header replaced, padded as the writer pads. */
    private Path withHeader(String name, String dict, byte[] data) throws IOException {
        NpyArray array = NpyArray.ofBytes(data, data.length);
        byte[] header = NpyWriter.header(array);
        String original = new String(header, NpyWriter.PREAMBLE_BYTES, header.length - NpyWriter.PREAMBLE_BYTES,
                StandardCharsets.US_ASCII);
        String replaced = (dict + " ".repeat(original.length())).substring(0, original.length() - 1) + "\n";
        System.arraycopy(replaced.getBytes(StandardCharsets.US_ASCII), 0, header, NpyWriter.PREAMBLE_BYTES,
                replaced.length());
        Path file = dir.resolve(name);
        Files.write(file, concat(header, data));
        return file;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void theHeaderIsNumpysVersion1DictPaddedSoTheDataStartsOn64Bytes() throws IOException {
        Path file = written("x.npy", NpyArray.ofBytes(new byte[24], 2, 3, 2, 2));

        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);

        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        assertThat(header).startsWith("{'descr': '<u1', 'fortran_order': False, 'shape': (2, 3, 2, 2), }").endsWith("\n");
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(bytes).hasSize(10 + headerLength + 24);
    }

    @Test
    void aOneDimensionalShapeIsWrittenAsPythonWritesAOneTuple() {
        String header = new String(NpyWriter.header(NpyArray.ofUnsignedBytesAsInt64(new byte[3])), StandardCharsets.US_ASCII);

        assertThat(header).contains("'descr': '<i8'").contains("'shape': (3,)");
    }

    @Test
    void readsBackEachTypeAsWritten() throws IOException {
        NpyArray pixels = NpyArray.ofBytes(new byte[] {0, 1, (byte) 255, 7, 8, 9}, 2, 3);
        NpyArray labels = NpyArray.ofUnsignedBytesAsInt64(new byte[] {3, 0, (byte) 200});
        NpyArray scale = NpyArray.ofFloats(new float[] {0.5f, -1.25f, 1 / 255f, 0f}, 1, 2, 2);

        assertThat(NpyReader.read(written("x.npy", pixels))).isEqualTo(pixels);
        NpyArray labelsRead = NpyReader.read(written("y.npy", labels));
        assertThat(labelsRead.int64s()).containsExactly(3, 0, 200);
        assertThat(labelsRead.shape()).containsExactly(3);
        NpyArray scaleRead = NpyReader.read(written("s.npy", scale));
        assertThat(scaleRead.float32s()).containsExactly(0.5f, -1.25f, 1 / 255f, 0f);
        assertThat(scaleRead.shape()).containsExactly(1, 2, 2);
    }

    @Test
    void anEmptyArrayIsAFileOfHeaderOnly() throws IOException {
        NpyArray none = NpyArray.ofBytes(new byte[0], 0, 16);

        assertThat(NpyReader.read(written("x.npy", none))).isEqualTo(none);
    }

    @Test
    void aFileIsNeverOverwritten() throws IOException {
        Path file = written("x.npy", NpyArray.ofBytes(new byte[1], 1));

        assertThatThrownBy(() -> NpyWriter.write(file, NpyArray.ofBytes(new byte[1], 1)))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void numpysOwnTypeStringForBytesIsReadToo() throws IOException {
        Path file = withHeader("x.npy", "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", new byte[] {4, 5});

        assertThat(NpyReader.read(file)).isEqualTo(NpyArray.ofBytes(new byte[] {4, 5}, 2));
    }

    @Test
    void aFileWithoutTheMagicStringIsNotNpy() throws IOException {
        Path file = Files.write(dir.resolve("x.npy"), "PK\3\4 a zip file, not an array".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> NpyReader.read(file)).isInstanceOf(DataFileException.class)
                .hasMessage(file + ": not a .npy file (no \\x93NUMPY magic string)");
    }

    @Test
    void anotherFormatVersionIsNamed() throws IOException {
        Path file = written("x.npy", NpyArray.ofBytes(new byte[2], 2));
        byte[] bytes = Files.readAllBytes(file);
        bytes[6] = 2;
        Files.write(file, bytes);

        assertThatThrownBy(() -> NpyReader.read(file)).hasMessage(file + ": .npy format version 2.0; expected 1.0");
    }

    @Test
    void fortranOrderIsRefused() throws IOException {
        Path file = withHeader("x.npy", "{'descr': '<u1', 'fortran_order': True, 'shape': (2,), }", new byte[2]);

        assertThatThrownBy(() -> NpyReader.read(file)).isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ": not in C order");
    }

    @Test
    void anElementTypeOtherThanThePartitionsIsNamedWithTheOnesExpected() throws IOException {
        Path file = withHeader("x.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);

        assertThatThrownBy(() -> NpyReader.read(file))
                .hasMessage(file + ": element type '<f8'; expected one of [<u1, <i8, <f4]");
    }

    @Test
    void aShapeThatIsNotATupleOfSizesIsRefused() throws IOException {
        Path file = withHeader("x.npy", "{'descr': '<u1', 'fortran_order': False, 'shape': (2, -1), }", new byte[2]);

        assertThatThrownBy(() -> NpyReader.read(file)).hasMessage(file + ": shape (2, -1) is not a tuple of sizes");
    }

    @Test
    void aTruncatedOrOverlongFileSaysHowManyDataBytesItHasAndNeeds() throws IOException {
        Path file = written("x.npy", NpyArray.ofFloats(new float[4], 4));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        Path longer = Files.write(dir.resolve("longer.npy"), Arrays.copyOf(bytes, bytes.length + 1));

        assertThatThrownBy(() -> NpyReader.read(file))
                .hasMessage(file + ": truncated: 13 data bytes; expected 16 for <f4 (4,)");
        assertThatThrownBy(() -> NpyReader.read(longer))
                .hasMessage(longer + ": too long: 17 data bytes; expected 16 for <f4 (4,)");
    }

    @Test
    void aFileThatEndsInItsHeaderIsTruncated() throws IOException {
        Path file = written("x.npy", NpyArray.ofBytes(new byte[2], 2));
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 30));

        assertThatThrownBy(() -> NpyReader.read(file)).hasMessage(file + ": truncated in its header: 20 of 118 bytes");
    }
}
