package io.benchfleet.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens dataset files as their readers need them: decompressed when gzipped, whatever the file name says. */
public final class DatasetStreams {

    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int BUFFER = 1 << 16;

    private DatasetStreams() {
    }

    public static InputStream openDecompressed(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        boolean gzipped = ((first << 8) | second) == GZIP_MAGIC;
        return gzipped ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
    }
}
