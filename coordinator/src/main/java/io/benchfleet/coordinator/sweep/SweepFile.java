package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.dataset.DatasetCatalog;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TrainingSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a sweep file (HOCON) and validates all of it before any work starts: every error names the
 * key, the bad value and what was expected.
 */
public final class SweepFile {

    private static final Set<String> TOP_KEYS = Set.of("sweep", "data-dir", "metrics");
    private static final Set<String> SWEEP_KEYS =
            Set.of("name", "datasets", "architectures", "devices", "split", "repetitions", "training", "seed");
    private static final Set<String> TRAINING_KEYS = Set.of("epochs", "batch-size", "train-limit");
    private static final Set<String> SPLIT_KEYS = Set.of("kind");
    private static final Set<String> METRICS_KEYS = Set.of("interval");
    private static final List<String> SPLITS = List.of("standard");
    private static final List<String> DEVICES = List.of("cpu");
    /** S2's protocol, the only study whose models are in the zoo yet: 10 epochs, batch 128. */
    private static final int DEFAULT_EPOCHS = 10;
    private static final int DEFAULT_BATCH_SIZE = 128;
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);

    private final String fileName;
    private final Config root;

    private SweepFile(String fileName, Config root) {
        this.fileName = fileName;
        this.root = root;
    }

    public static Sweep load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SweepFileException("sweep file not found: " + file + " (expected a HOCON file such as configs/quickstart.conf)");
        }
        try {
            Config config = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)).resolve();
            return new SweepFile(file.getFileName().toString(), config).toSweep(baseName(file));
        } catch (ConfigException e) {
            throw new SweepFileException(e.getMessage(), e);
        }
    }

    private static String fileName(Path file) {
        return file.getFileName().toString();
    }

    private static String baseName(Path file) {
        String name = fileName(file);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private Sweep toSweep(String defaultName) {
        rejectUnknown(root, "", TOP_KEYS);
        if (!root.hasPath("sweep")) {
            throw error("missing key 'sweep': expected a block sweep { datasets = [...], architectures = [...] }");
        }
        Config sweep = root.getConfig("sweep");
        rejectUnknown(sweep, "sweep.", SWEEP_KEYS);
        return new Sweep(
                sweep.hasPath("name") ? sweep.getString("name") : defaultName,
                names(sweep, "datasets", DatasetCatalog.names()),
                names(sweep, "architectures", ArchitectureZoo.names()),
                devices(sweep),
                split(sweep),
                positive(sweep, "repetitions", 1, "sweep."),
                training(sweep),
                sweep.hasPath("seed") ? sweep.getLong("seed") : 1L,
                root.hasPath("data-dir") ? root.getString("data-dir") : "data",
                metricsInterval());
    }

    private List<String> names(Config sweep, String key, List<String> known) {
        if (!sweep.hasPath(key)) {
            throw error("missing key 'sweep." + key + "': expected a list of " + String.join(", ", known));
        }
        List<String> values = sweep.getStringList(key);
        if (values.isEmpty()) {
            throw error("sweep." + key + " is empty: expected at least one of " + String.join(", ", known));
        }
        for (int i = 0; i < values.size(); i++) {
            if (!known.contains(values.get(i))) {
                throw error("sweep." + key + "[" + i + "] = '" + values.get(i) + "' is unknown: expected one of "
                        + String.join(", ", known));
            }
        }
        return values;
    }

    private List<Device> devices(Config sweep) {
        List<String> values = sweep.hasPath("devices") ? sweep.getStringList("devices") : List.of("cpu");
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!DEVICES.contains(values.get(i))) {
                throw error("sweep.devices[" + i + "] = '" + values.get(i) + "' is not available in this version: expected "
                        + String.join(", ", DEVICES));
            }
            devices.add(Device.fromLabel(values.get(i)).orElseThrow());
        }
        if (devices.isEmpty()) {
            throw error("sweep.devices is empty: expected at least one of " + String.join(", ", DEVICES));
        }
        return devices;
    }

    private String split(Config sweep) {
        if (!sweep.hasPath("split")) {
            return "standard";
        }
        Config split = sweep.getConfig("split");
        rejectUnknown(split, "sweep.split.", SPLIT_KEYS);
        String kind = split.hasPath("kind") ? split.getString("kind") : "standard";
        if (!SPLITS.contains(kind)) {
            throw error("sweep.split.kind = '" + kind + "' is not available in this version: expected "
                    + String.join(", ", SPLITS));
        }
        return kind;
    }

    private TrainingSettings training(Config sweep) {
        Config training = sweep.hasPath("training") ? sweep.getConfig("training") : ConfigFactory.empty();
        rejectUnknown(training, "sweep.training.", TRAINING_KEYS);
        int trainLimit = training.hasPath("train-limit") ? training.getInt("train-limit") : 0;
        if (trainLimit < 0) {
            throw error("sweep.training.train-limit = " + trainLimit + ": expected 0 (all) or a positive number of samples");
        }
        return new TrainingSettings(
                positive(training, "epochs", DEFAULT_EPOCHS, "sweep.training."),
                positive(training, "batch-size", DEFAULT_BATCH_SIZE, "sweep.training."),
                trainLimit);
    }

    private Duration metricsInterval() {
        if (!root.hasPath("metrics")) {
            return Duration.ofSeconds(1);
        }
        Config metrics = root.getConfig("metrics");
        rejectUnknown(metrics, "metrics.", METRICS_KEYS);
        Duration interval = metrics.hasPath("interval") ? metrics.getDuration("interval") : Duration.ofSeconds(1);
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw error("metrics.interval = " + interval.toMillis() + "ms: expected at least 100ms");
        }
        return interval;
    }

    private int positive(Config config, String key, int defaultValue, String prefix) {
        int value = config.hasPath(key) ? config.getInt(key) : defaultValue;
        if (value < 1) {
            throw error(prefix + key + " = " + value + ": expected an integer >= 1");
        }
        return value;
    }

    private void rejectUnknown(Config config, String prefix, Set<String> allowed) {
        for (String key : new TreeSet<>(config.root().keySet())) {
            if (!allowed.contains(key)) {
                throw error("unknown key '" + prefix + key + "': expected one of "
                        + String.join(", ", new TreeSet<>(allowed).stream().map(k -> prefix + k).toList()));
            }
        }
    }

    private SweepFileException error(String message) {
        return new SweepFileException(fileName + ": " + message);
    }
}
