package io.benchfleet.coordinator.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The groups the others are compared with, as the sweep file's {@code report { baseline { ... } } }
 * block names them: {@code device = cpu} compares every group with its cpu twin ("gpu vs cpu"),
 * {@code architecture = mlp-small} every architecture with mlp-small on the same dataset and device.
 *
 * @param axes axis name (dataset, architecture, device) to the baseline's value on it
 */
public record Baseline(Map<String, String> axes) {

    public static final String PATH = "report.baseline";
    public static final List<String> AXES = List.of("dataset", "architecture", "device");

    public Baseline {
        axes = Map.copyOf(axes);
    }

    /**
     * The baseline block of a parsed sweep file, if it has one.
     *
     * @throws IllegalArgumentException with one line naming the key, when the block is malformed
     */
    public static Optional<Baseline> read(Config root) {
        if (!root.hasPath("report")) {
            return Optional.empty();
        }
        Config report = root.getConfig("report");
        for (String key : report.root().keySet()) {
            if (!key.equals("baseline")) {
                throw new IllegalArgumentException("unknown key 'report." + key + "': expected report.baseline");
            }
        }
        if (!report.hasPath("baseline")) {
            return Optional.empty();
        }
        Config block = report.getConfig("baseline");
        Map<String, String> axes = new LinkedHashMap<>();
        for (String key : block.root().keySet()) {
            if (!AXES.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + PATH + "." + key + "': expected one of "
                        + String.join(", ", AXES));
            }
            axes.put(key, block.getString(key));
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException(PATH + " is empty: expected an axis and its value, such as "
                    + PATH + " { device = cpu }");
        }
        return Optional.of(new Baseline(axes));
    }

    /** The baseline of a run directory's copy of its sweep file; none when it has no such copy or block. */
    static Optional<Baseline> ofRunDirectory(Path runDirectory) {
        Path sweepFile = runDirectory.resolve("sweep.conf");
        if (!Files.isRegularFile(sweepFile)) {
            return Optional.empty();
        }
        try {
            return read(ConfigFactory.parseFile(sweepFile.toFile()));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ReportException(sweepFile + ": " + e.getMessage());
        }
    }

    /** The group a group is compared with: its own values with the baseline's put in. */
    GroupKey counterpartOf(GroupKey group) {
        return new GroupKey(axes.getOrDefault("dataset", group.dataset()),
                axes.getOrDefault("architecture", group.architecture()),
                axes.getOrDefault("device", group.device()), group.split());
    }

    /** "device = cpu", for table headings. */
    public String describe() {
        return AXES.stream().filter(axes::containsKey).map(axis -> axis + " = " + axes.get(axis))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
