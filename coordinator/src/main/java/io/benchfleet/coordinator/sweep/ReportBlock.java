package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.benchfleet.report.Baseline;
import io.benchfleet.rundirectory.RunFiles;

import java.nio.file.Files;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sweep file's {@code report { baseline { ... } } } block: the groups the others are compared with.
 * It is part of the sweep file's grammar; the report receives the {@link Baseline} it stands for.
 */
public final class ReportBlock {

    public static final String BASELINE_PATH = "report.baseline";

    private ReportBlock() {
    }

    /**
     * The baseline block of a parsed sweep file, if it has one.
     *
     * @throws IllegalArgumentException with one line naming the key, when the block is malformed
     */
    public static Optional<Baseline> baseline(Config root) {
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
            if (!Baseline.AXES.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + BASELINE_PATH + "." + key + "': expected one of "
                        + String.join(", ", Baseline.AXES));
            }
            axes.put(key, value(block, key));
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException(BASELINE_PATH + " is empty: expected an axis and its value, such as "
                    + BASELINE_PATH + " { device = cpu }");
        }
        return Optional.of(new Baseline(axes));
    }

    /** A hyperparameter's value as a number the report can compare, written as the sweep file writes it. */
    private static String value(Config block, String key) {
        String value = block.getString(key);
        String path = BASELINE_PATH + "." + key;
        try {
            return switch (key) {
                case "epochs", "batch-size" -> String.valueOf(Integer.parseInt(value));
                case "learning-rate" -> new BigDecimal(value).stripTrailingZeros().toPlainString();
                default -> value;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " = '" + value + "': expected a number"
                    + (key.equals("learning-rate") ? ", such as 0.001" : ", an integer such as 32"));
        }
    }

    /**
     * The baseline of a run directory's copy of its sweep file; none when it has no such copy or block.
     * Only the report block is read: a report on an older run should not fail on keys added since.
     *
     * @throws SweepFileException naming the file, when the copy or its block is malformed
     */
    public static Optional<Baseline> ofRunDirectory(Path runDirectory) {
        Path sweepFile = runDirectory.resolve(RunFiles.SWEEP_CONF);
        if (!Files.isRegularFile(sweepFile)) {
            return Optional.empty();
        }
        try {
            return baseline(ConfigFactory.parseFile(sweepFile.toFile()));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new SweepFileException(sweepFile + ": " + e.getMessage(), e);
        }
    }
}
