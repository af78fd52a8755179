package io.benchfleet.dataset.reader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LetterReaderTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("letter-recognition.data"), text);
    }

    @Test
    void readsTheLetterAsClassAndSixteenFeatureBytes() throws IOException {
        Path file = write("T,2,8,3,5,1,8,13,0,6,6,10,8,0,8,0,8\nI,5,12,3,7,2,10,5,5,4,13,3,9,2,8,4,10\n\n");

        LabelledSamples samples = LetterReader.read(file);

        assertThat(samples.count()).isEqualTo(2);
        assertThat(samples.classes()).isEqualTo(26);
        assertThat(samples.shape().size()).isEqualTo(16);
        assertThat(samples.label(0)).isEqualTo('T' - 'A');
        assertThat(samples.features()).startsWith(2, 8, 3, 5).hasSize(32);
    }

    @Test
    void aRowWithTheWrongFieldCountIsNamedWithItsLine() throws IOException {
        Path file = write("T,2,8,3,5,1,8,13,0,6,6,10,8,0,8,0,8\nI,5,12,3\n");

        assertThatThrownBy(() -> LetterReader.read(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": line 2: 4 fields, expected 17 (a letter and 16 integers)");
    }

    @Test
    void aLabelThatIsNotACapitalLetterIsRefused() throws IOException {
        Path file = write("t,2,8,3,5,1,8,13,0,6,6,10,8,0,8,0,8\n");

        assertThatThrownBy(() -> LetterReader.read(file))
                .hasMessage(file + ": line 1: label 't' is not a capital letter A-Z");
    }

    @Test
    void aFeatureOutsideZeroToFifteenIsNamedWithLineAndField() throws IOException {
        Path file = write("T,2,8,3,5,1,8,13,0,6,6,10,8,0,8,16,8\n");

        assertThatThrownBy(() -> LetterReader.read(file))
                .hasMessage(file + ": line 1, field 16: '16' is not an integer 0..15");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = write("\n");

        assertThatThrownBy(() -> LetterReader.read(file))
                .hasMessage(file + ": no rows: expected one letter and 16 integers per line");
    }
}
