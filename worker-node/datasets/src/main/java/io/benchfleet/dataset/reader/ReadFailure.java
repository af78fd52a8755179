package io.benchfleet.dataset.reader;

import io.benchfleet.dataset.DatasetUnavailableException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * What a dataset file that could not be read is: corrupt when its compressed data is broken (every copy from
 * the same source would be), otherwise unavailable on this node (permissions, a directory in its place, a
 * failing disk), where another node may have a good copy.
 */
final class ReadFailure {

    private ReadFailure() {
    }

    static RuntimeException of(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DataFileException(file, "corrupt compressed data: " + e.getMessage());
        }
        // A file system error without a reason has the file as its message, which the text names already.
        String why = e instanceof FileSystemException fileSystem && fileSystem.getReason() == null
                ? e.getClass().getSimpleName() : e.getMessage();
        return new DatasetUnavailableException("cannot read " + file + " on this node: " + why);
    }
}
