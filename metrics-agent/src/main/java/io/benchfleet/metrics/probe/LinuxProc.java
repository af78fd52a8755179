package io.benchfleet.metrics.probe;

import oshi.software.common.os.linux.LinuxOperatingSystem;
import oshi.software.os.OperatingSystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the probe may read {@code /proc} itself: the fast paths ({@link HostCoreTicks}, {@link TreeProcessReader})
 * parse Linux's files, so they take both OSHI's word that this is Linux and a {@code /proc} that is there to read.
 */
final class LinuxProc {

    private LinuxProc() {
    }

    /** {@code os} as Linux, where its {@code /proc} can be read; empty elsewhere. */
    static Optional<LinuxOperatingSystem> of(OperatingSystem os) {
        return os instanceof LinuxOperatingSystem linux && Files.isReadable(Path.of("/proc/stat"))
                && Files.isReadable(Path.of("/proc/self/stat")) ? Optional.of(linux) : Optional.empty();
    }
}
