package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --set KEY=VALUE} from the command line: a key of the sweep file by its HOCON path, a HOCON value. They
 * apply as lines appended to the file would, so the run directory's sweep.conf is the file followed by them and
 * reads back as the same sweep: a scalar or list replaces the file's value, a block merges into the file's block.
 */
public final class SweepOverrides {

    public static final SweepOverrides NONE = new SweepOverrides(List.of());

    private static final String EXPECTED = "expected KEY=VALUE with a sweep file key by its HOCON path and a HOCON"
            + " value, such as sweep.repetitions=5 or 'sweep.datasets=[mnist]'";

    private final List<String> lines;

    private SweepOverrides(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    /** Each argument checked on its own, so that an error names the one that is wrong. */
    public static SweepOverrides parse(List<String> arguments) {
        return new SweepOverrides(arguments.stream().map(SweepOverrides::line).toList());
    }

    private static String line(String argument) {
        int equals = argument.indexOf('=');
        if (equals <= 0) {
            throw new SweepFileException("--set '" + argument + "': " + EXPECTED);
        }
        String key = argument.substring(0, equals).strip();
        String value = argument.substring(equals + 1).strip();
        try {
            ConfigUtil.splitPath(key);
            Set<String> parsed = ConfigFactory.parseString("value = " + value).root().keySet();
            if (!parsed.equals(Set.of("value"))) {
                throw new SweepFileException("--set '" + argument + "': the value holds more than one value; " + EXPECTED);
            }
        } catch (ConfigException e) {
            throw new SweepFileException("--set '" + argument + "': " + e.getMessage() + "; " + EXPECTED, e);
        }
        return key + " = " + value;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Each line parsed on its own, so that a value of the wrong type is reported as that {@code --set}'s. */
    Config applyTo(Config file) {
        Config config = file;
        for (String line : lines) {
            config = ConfigFactory.parseString(line, ConfigParseOptions.defaults().setOriginDescription("--set " + line))
                    .withFallback(config);
        }
        return config;
    }

    /** The sweep file's text with the overrides after it, as the run directory keeps it. */
    public String appendTo(String sweepFileText) {
        if (lines.isEmpty()) {
            return sweepFileText;
        }
        return sweepFileText + (sweepFileText.endsWith("\n") ? "" : "\n")
                + "\n# --set on the command line; each replaces (or, for a block, merges into) what is above\n"
                + lines.stream().collect(Collectors.joining("\n", "", "\n"));
    }
}
