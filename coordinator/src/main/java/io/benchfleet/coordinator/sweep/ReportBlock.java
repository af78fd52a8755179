package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.benchfleet.report.Baseline;
import io.benchfleet.report.ReportOptions;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sweep file's {@code report { baseline { ... }, trace-window = 70s } } block: the groups the others are
 * compared with, and how the report reads the traces. It is part of the sweep file's grammar; the report receives
 * the {@link Baseline} and the {@link ReportOptions} it stands for.
 */
public final class ReportBlock {

    public static final String BASELINE_PATH = "report.baseline";
    public static final String TRACE_WINDOW_PATH = "report.trace-window";
    private static final Set<String> KEYS = Set.of("baseline", "trace-window");
    private static final String TRACE_WINDOW_EXPECTED =
            "expected a positive duration such as 70s, or a positive number of seconds";

    private ReportBlock() {
    }

    /**
     * The baseline block of a parsed sweep file, if it has one.
     *
     * @throws IllegalArgumentException with one line naming the key, when the block is malformed
     */
    public static Optional<Baseline> baseline(Config root) {
        Optional<Config> report = report(root);
        if (report.isEmpty() || !report.get().hasPath("baseline")) {
            return Optional.empty();
        }
        Config block = report.get().getConfig("baseline");
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

    /**
     * The report's options of a parsed sweep file: its trace window, a HOCON duration ({@code 70s}) or a plain number
     * of seconds (not HOCON's milliseconds: the report counts in seconds).
     *
     * @throws IllegalArgumentException with one line naming the key, when a value is not a positive duration
     */
    public static ReportOptions options(Config root) {
        Optional<Config> report = report(root);
        if (report.isEmpty() || !report.get().hasPath("trace-window")) {
            return ReportOptions.DEFAULT;
        }
        ConfigValue value = report.get().getValue("trace-window");
        double seconds;
        try {
            seconds = value.valueType() == ConfigValueType.NUMBER
                    ? ((Number) value.unwrapped()).doubleValue()
                    : report.get().getDuration("trace-window").toNanos() / 1e9;
        } catch (ConfigException e) {
            // Not a duration at all ("abc", a list): the same one line as a negative one, not HOCON's own.
            seconds = Double.NaN;
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(TRACE_WINDOW_PATH + " = '" + value.unwrapped() + "': "
                    + TRACE_WINDOW_EXPECTED);
        }
        return ReportOptions.traceWindow(seconds);
    }

    /** The report block, its keys checked; empty when the sweep file has none. */
    private static Optional<Config> report(Config root) {
        if (!root.hasPath("report")) {
            return Optional.empty();
        }
        Config report = root.getConfig("report");
        for (String key : report.root().keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key 'report." + key + "': expected " + BASELINE_PATH
                        + " or " + TRACE_WINDOW_PATH);
            }
        }
        return Optional.of(report);
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
        return RunDirectorySweepFile.block(runDirectory, ReportBlock::baseline).orElse(Optional.empty());
    }

    /**
     * The report options of a run directory's copy of its sweep file, as {@link #ofRunDirectory(Path)} reads its
     * baseline; the defaults when it has no such copy or key.
     */
    public static ReportOptions optionsOfRunDirectory(Path runDirectory) {
        return RunDirectorySweepFile.block(runDirectory, ReportBlock::options).orElse(ReportOptions.DEFAULT);
    }
}
