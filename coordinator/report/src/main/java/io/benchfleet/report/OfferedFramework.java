package io.benchfleet.report;

import java.util.Arrays;
import java.util.List;

/**
 * A framework a worker node offered when it registered, as the {@code workers.frameworks} column records it:
 * {@code dl4j 1.0.0-M2.1 (cpu); pytorch 1.13.0a0 (cpu, gpu)}.
 *
 * @param version as the framework's probe gave it; empty if the entry named none
 * @param devices the devices it trains on there; empty if the entry named none
 */
public record OfferedFramework(String name, String version, List<String> devices) {

    public OfferedFramework {
        devices = List.copyOf(devices);
    }

    /** Each entry of the column's text; none for an empty text. */
    static List<OfferedFramework> listOf(String recorded) {
        return Arrays.stream(recorded.split(";")).map(String::strip).filter(entry -> !entry.isEmpty())
                .map(OfferedFramework::of).toList();
    }

    // A user's trainer may give any version text, spaces included: the version is whatever lies between the
    // name and the devices' parentheses.
    private static OfferedFramework of(String entry) {
        String nameAndVersion = entry;
        List<String> devices = List.of();
        int open = entry.lastIndexOf('(');
        if (open > 0 && entry.endsWith(")")) {
            nameAndVersion = entry.substring(0, open).strip();
            devices = Arrays.stream(entry.substring(open + 1, entry.length() - 1).split(","))
                    .map(String::strip).filter(device -> !device.isEmpty()).toList();
        }
        String[] parts = nameAndVersion.split("\\s+", 2);
        return new OfferedFramework(parts[0], parts.length > 1 ? parts[1] : "", devices);
    }

    /** Back in the column's form, for the environment table. */
    String describe() {
        return (name + " " + version).strip() + (devices.isEmpty() ? "" : " (" + String.join(", ", devices) + ")");
    }
}
