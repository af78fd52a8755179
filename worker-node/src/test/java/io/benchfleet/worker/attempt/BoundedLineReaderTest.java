package io.benchfleet.worker.attempt;

import io.benchfleet.worker.attempt.BoundedLineReader.Line;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedLineReaderTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Line> readAll(BoundedLineReader reader) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Optional<Line> line = reader.next(); line.isPresent(); line = reader.next()) {
            lines.add(line.get());
        }
        return lines;
    }

    private static Line complete(String text) {
        return new Line.Complete(text);
    }

    @Test
    void readsLinesWithoutTheirLineEndsAndALastLineWithoutOne() throws IOException {
        var reader = new BoundedLineReader(bytes("first\nsecond\r\n\nlast"), 100);

        assertThat(readAll(reader)).containsExactly(complete("first"), complete("second"), complete(""), complete("last"));
    }

    @Test
    void anEmptyStreamHasNoLines() throws IOException {
        assertThat(new BoundedLineReader(bytes(""), 100).next()).isEmpty();
    }

    @Test
    void aLineOfExactlyTheLimitIsComplete() throws IOException {
        var reader = new BoundedLineReader(bytes("12345\n12345"), 5);

        assertThat(readAll(reader)).containsExactly(complete("12345"), complete("12345"));
    }

    @Test
    void aLineOverTheLimitIsTooLongWithItsStartAndTheNextLineIsReadAsUsual() throws IOException {
        var reader = new BoundedLineReader(bytes("123456789\nnext\n"), 5);

        assertThat(readAll(reader)).containsExactly(new Line.TooLong("12345"), complete("next"));
    }

    @Test
    void aLineOverTheLimitIsReportedWithoutReadingFurther() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read past the limit");
            }
        };
        var reader = new BoundedLineReader(new SequenceInputStream(bytes("ok\n123456"), endless), 5);

        assertThat(reader.next()).contains(complete("ok"));
        assertThat(reader.next()).contains(new Line.TooLong("12345"));
    }

    @Test
    void linesSpanningManyReadsAreWhole() throws IOException {
        String longLine = "x".repeat(50_000);
        var reader = new BoundedLineReader(bytes(longLine + "\n" + longLine + "y\n"), 50_000);

        assertThat(readAll(reader)).containsExactly(complete(longLine), new Line.TooLong(longLine));
    }

    @Test
    void decodesUtf8() throws IOException {
        var reader = new BoundedLineReader(bytes("Größe: 3 µm\n"), 100);

        assertThat(reader.next()).contains(complete("Größe: 3 µm"));
    }
}
