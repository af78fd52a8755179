package io.benchfleet.worker.attempt;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the lines a trainer prints, UTF-8 and ended by {@code \n} (a {@code \r} before it is dropped), never
 * holding more than a limit of one line: a trainer that prints without end cannot fill the worker node's heap.
 * A line that runs past the limit is reported as soon as it does, not when (or if) it ends.
 * <p>
 * Written here because nothing at hand bounds a line: {@code BufferedReader} and {@code Scanner} grow with it,
 * Commons IO's {@code BoundedReader} bounds the whole stream, and Pekko Streams' {@code Framing} needs a
 * materializer that the threads following a trainer do not have.
 */
final class BoundedLineReader implements Closeable {

    /** One line as read. */
    sealed interface Line {
        String text();

        /** A line of at most the limit, without its line end. */
        record Complete(String text) implements Line {
        }

        /** A line that ran past the limit, of which {@code text} is the first {@code limit} bytes. */
        record TooLong(String text) implements Line {
        }
    }

    private static final int CHUNK = 8192;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int end;
    /** The rest of a line that ran past the limit is still to be skipped. */
    private boolean inTooLongLine;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line; empty at the end of the stream. */
    Optional<Line> next() throws IOException {
        if (inTooLongLine && !skipRestOfLine()) {
            return Optional.empty();
        }
        line.reset();
        while (position < end || fill()) {
            int newline = indexOfNewline();
            int lineEnd = newline < 0 ? end : newline;
            int room = maxLineBytes - line.size();
            if (lineEnd - position > room) {
                line.write(chunk, position, room);
                position += room;
                inTooLongLine = true;
                return Optional.of(new Line.TooLong(line.toString(StandardCharsets.UTF_8)));
            }
            line.write(chunk, position, lineEnd - position);
            position = lineEnd;
            if (newline >= 0) {
                position++;
                return Optional.of(complete());
            }
        }
        // The last line may lack its line end.
        return line.size() == 0 ? Optional.empty() : Optional.of(complete());
    }

    private Line.Complete complete() {
        String text = line.toString(StandardCharsets.UTF_8);
        return new Line.Complete(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }

    /** @return whether a line end was found before the end of the stream */
    private boolean skipRestOfLine() throws IOException {
        while (position < end || fill()) {
            int newline = indexOfNewline();
            if (newline >= 0) {
                position = newline + 1;
                inTooLongLine = false;
                return true;
            }
            position = end;
        }
        return false;
    }

    private int indexOfNewline() {
        for (int i = position; i < end; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk);
        position = 0;
        end = Math.max(read, 0);
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
