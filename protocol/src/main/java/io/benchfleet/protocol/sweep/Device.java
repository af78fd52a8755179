package io.benchfleet.protocol.sweep;

import java.util.Arrays;
import java.util.Optional;

/** Where a task trains; a worker node's slots are of one of these kinds. */
public enum Device {
    CPU, GPU;

    /** The name used in sweep files, slots and results ({@code cpu}, {@code gpu}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Device> fromLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label().equals(label)).findFirst();
    }
}
