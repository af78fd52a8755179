package io.benchfleet.coordinator.sweep;

import io.benchfleet.protocol.sweep.Sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep files written by tests; error messages name the file, so its name is fixed. */
final class SweepFiles {

    static final String NAME = "test.conf";

    private SweepFiles() {
    }

    static Path write(Path dir, String text) throws IOException {
        Path file = dir.resolve(NAME);
        Files.writeString(file, text);
        return file;
    }

    /** The sweep of a file that must be valid. */
    static Sweep load(Path file) {
        return SweepFile.read(file).sweep();
    }
}
