package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.benchfleet.coordinator.queue.AttemptLimits;
import io.benchfleet.report.Baseline;
import io.benchfleet.report.ReferenceGroup;
import io.benchfleet.report.ReportOptions;
import io.benchfleet.report.StudyReference;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.HyperparameterAxes;
import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingOverrides;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a sweep file (HOCON) and validates all of it before any work starts: every error names the
 * key, the bad value and what was expected.
 */
public final class SweepFile {

    private static final Set<String> TOP_KEYS = Set.of("sweep", "data-dir", "metrics", "report", "reference");
    private static final Set<String> SWEEP_KEYS =
            Set.of("name", "datasets", "architectures", "devices", "split", "repetitions", "training", "seed",
                    "retry", "task-timeout", "train-fractions", "frameworks", "user-trainers");
    private static final Set<String> TRAINING_KEYS = Set.of("epochs", "batch-size", "learning-rate", "train-limit",
            "optimizer", "normalisation");
    private static final List<String> NORMALISATIONS = List.of("standardise", "none");
    private static final Set<String> SPLIT_KEYS = Set.of("kind", "test-fraction", "k", "stratified");
    private static final Set<String> METRICS_KEYS = Set.of("interval");
    private static final Set<String> RETRY_KEYS = Set.of("max-attempts");
    private static final List<String> SPLITS = List.of("standard", "holdout", "kfold");
    private static final List<String> DEVICES = Arrays.stream(Device.values()).map(Device::label).toList();
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);

    private final String fileName;
    private final Config root;

    private SweepFile(String fileName, Config root) {
        this.fileName = fileName;
        this.root = root;
    }

    /**
     * A sweep file read in full: the sweep, the limits on its tasks' attempts, the report's baseline, the study's own
     * figures, the report's options, and the text a run directory keeps as its sweep.conf (the file with any
     * {@code --set} after it).
     */
    public record Contents(Sweep sweep, AttemptLimits attemptLimits, Optional<Baseline> baseline,
                           Optional<StudyReference> reference, ReportOptions reportOptions, String text) {
    }

    public static Contents read(Path file) {
        return read(file, SweepOverrides.NONE);
    }

    public static Contents read(Path file, SweepOverrides overrides) {
        if (!Files.isRegularFile(file)) {
            throw new SweepFileException("sweep file not found: " + file + " (expected a HOCON file such as configs/quickstart.conf)");
        }
        try {
            Config config = overrides.applyTo(ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false))).resolve();
            String name = fileName(file) + (overrides.isEmpty() ? "" : " with --set");
            SweepFile sweepFile = new SweepFile(name, config);
            Sweep sweep = sweepFile.toSweep(baseName(file));
            Optional<Baseline> baseline = sweepFile.baseline(sweep);
            return new Contents(sweep, sweepFile.attemptLimits(), baseline, sweepFile.reference(sweep),
                    sweepFile.reportOptions(), overrides.appendTo(Files.readString(file)));
        } catch (ConfigException e) {
            throw new SweepFileException(e.getMessage(), e);
        } catch (IOException e) {
            throw new SweepFileException("cannot read " + file + ": " + e.getMessage(), e);
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
        List<String> datasets = names(sweep, "datasets", DatasetCatalog.names());
        return new Sweep(
                sweep.hasPath("name") ? sweep.getString("name") : defaultName,
                new Sweep.Axes(
                        datasets,
                        architectures(sweep, datasets),
                        devices(sweep),
                        split(sweep),
                        trainFractions(sweep),
                        positive(sweep, "repetitions", 1, "sweep."),
                        datasetsOf(sweep),
                        frameworks(sweep),
                        hyperparameters(sweep)),
                new Sweep.Settings(
                        training(sweep),
                        sweep.hasPath("seed") ? sweep.getLong("seed") : 1L,
                        root.hasPath("data-dir") ? root.getString("data-dir") : "data",
                        metricsInterval()));
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

    /** Zoo names or inline layer lists, each checked against every dataset of the sweep it trains on. */
    private List<Architecture> architectures(Config sweep, List<String> datasets) {
        Shape firstInput = DatasetCatalog.byName(datasets.get(0)).orElseThrow().inputShape();
        Map<String, List<String>> datasetsOf = datasetsOf(sweep);
        try {
            List<Architecture> architectures = ArchitectureList.parse(sweep, firstInput);
            for (String name : datasets) {
                var dataset = DatasetCatalog.byName(name).orElseThrow();
                architectures.stream().filter(a -> datasetsOf.getOrDefault(a.name(), datasets).contains(name))
                        .forEach(a -> a.incompatibility(dataset.inputShape(), dataset.classes()).ifPresent(problem -> {
                    throw new SweepFileException("architecture " + a.name() + " cannot train on " + name + ": " + problem);
                }));
            }
            return architectures;
        } catch (SweepFileException e) {
            throw error(e.getMessage());
        }
    }

    private List<Device> devices(Config sweep) {
        List<String> values = sweep.hasPath("devices") ? sweep.getStringList("devices") : List.of("cpu");
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!DEVICES.contains(values.get(i))) {
                throw error("sweep.devices[" + i + "] = '" + values.get(i) + "' is not a device: expected "
                        + String.join(", ", DEVICES));
            }
            devices.add(Device.fromLabel(values.get(i)).orElseThrow());
        }
        if (devices.isEmpty()) {
            throw error("sweep.devices is empty: expected at least one of " + String.join(", ", DEVICES));
        }
        return devices;
    }

    private List<String> frameworks(Config sweep) {
        try {
            return FrameworkList.parse(sweep);
        } catch (SweepFileException e) {
            throw error(e.getMessage());
        }
    }

    /** S4's protocols are the defaults: a 70/30 hold-out and 10-fold cross-validation. */
    private Split split(Config sweep) {
        if (!sweep.hasPath("split")) {
            return Split.STANDARD;
        }
        Config split = sweep.getConfig("split");
        rejectUnknown(split, "sweep.split.", SPLIT_KEYS);
        String kind = split.hasPath("kind") ? split.getString("kind") : "standard";
        if (!SPLITS.contains(kind)) {
            throw error("sweep.split.kind = '" + kind + "' is unknown: expected one of " + String.join(", ", SPLITS));
        }
        onlyWithKind(split, "test-fraction", "holdout", kind);
        onlyWithKind(split, "k", "kfold", kind);
        if (split.hasPath("stratified") && kind.equals("standard")) {
            throw error("sweep.split.stratified applies to kind = holdout or kfold, not to kind = standard");
        }
        boolean stratified = !split.hasPath("stratified") || split.getBoolean("stratified");
        return switch (kind) {
            case "holdout" -> new Split.Holdout(testFraction(split), stratified);
            case "kfold" -> new Split.KFold(folds(split), stratified);
            default -> Split.STANDARD;
        };
    }

    private void onlyWithKind(Config split, String key, String kindOfKey, String kind) {
        if (split.hasPath(key) && !kind.equals(kindOfKey)) {
            throw error("sweep.split." + key + " applies to kind = " + kindOfKey + " only, not to kind = " + kind);
        }
    }

    private double testFraction(Config split) {
        double fraction = split.hasPath("test-fraction") ? split.getDouble("test-fraction") : 0.3;
        if (!(fraction > 0 && fraction < 1)) {
            throw error("sweep.split.test-fraction = " + fraction + ": expected a number between 0 and 1, such as 0.3");
        }
        return fraction;
    }

    private int folds(Config split) {
        int k = split.hasPath("k") ? split.getInt("k") : 10;
        if (k < 2) {
            throw error("sweep.split.k = " + k + ": expected an integer >= 2, such as 10");
        }
        return k;
    }

    /** The train-fraction axis; absent means every task trains on its whole training part. */
    private List<Double> trainFractions(Config sweep) {
        if (!sweep.hasPath("train-fractions")) {
            return List.of(TaskSpec.WHOLE_TRAINING_PART);
        }
        List<Double> fractions = sweep.getDoubleList("train-fractions");
        if (fractions.isEmpty()) {
            throw error("sweep.train-fractions is empty: expected numbers > 0 and <= 1, such as [0.1, 0.25, 0.5, 1.0]");
        }
        for (int i = 0; i < fractions.size(); i++) {
            double fraction = fractions.get(i);
            if (!(fraction > 0 && fraction <= 1)) {
                throw error("sweep.train-fractions[" + i + "] = " + fraction + ": expected a number > 0 and <= 1");
            }
            if (fractions.subList(0, i).contains(fraction)) {
                throw error("sweep.train-fractions[" + i + "] = " + fraction + " appears twice: expected each fraction once");
            }
        }
        return fractions;
    }

    private TrainingOverrides training(Config sweep) {
        Config training = trainingBlock(sweep);
        rejectUnknown(training, "sweep.training.", TRAINING_KEYS);
        int trainLimit = training.hasPath("train-limit") ? training.getInt("train-limit") : 0;
        if (trainLimit < 0) {
            throw error("sweep.training.train-limit = " + trainLimit + ": expected 0 (all) or a positive number of samples");
        }
        if (training.hasPath("learning-rate") && training.hasPath("optimizer.learning-rate")) {
            throw error("sweep.training.learning-rate and sweep.training.optimizer.learning-rate are both set:"
                    + " expected one of them");
        }
        boolean rawFeatures = rawFeatures(training);
        OptionalDouble learningRate = isList(training, "learning-rate") || !training.hasPath("learning-rate")
                ? OptionalDouble.empty() : OptionalDouble.of(learningRate(training.getDouble("learning-rate"), ""));
        try {
            return new TrainingOverrides(
                    isList(training, "epochs") ? OptionalInt.empty() : optionalPositive(training, "epochs"),
                    isList(training, "batch-size") ? OptionalInt.empty() : optionalPositive(training, "batch-size"),
                    trainLimit,
                    training.hasPath("optimizer")
                            ? Optional.of(OptimizerBlock.parse(new ConfigReading(training.getConfig("optimizer"),
                            "sweep.training.optimizer")))
                            : Optional.empty(),
                    learningRate,
                    rawFeatures);
        } catch (SweepFileException e) {
            throw error(e.getMessage());
        }
    }

    /** {@code normalisation = none}: letter's features as the file has them; standardise is the default. */
    private boolean rawFeatures(Config training) {
        String value = training.hasPath("normalisation") ? training.getString("normalisation") : NORMALISATIONS.get(0);
        if (!NORMALISATIONS.contains(value)) {
            throw error("sweep.training.normalisation = '" + value + "' is unknown: expected one of "
                    + String.join(", ", NORMALISATIONS));
        }
        return value.equals("none");
    }

    private static Config trainingBlock(Config sweep) {
        return sweep.hasPath("training") ? sweep.getConfig("training") : ConfigFactory.empty();
    }

    /** The training block's keys given as lists, each value a task of its own. */
    private HyperparameterAxes hyperparameters(Config sweep) {
        Config training = trainingBlock(sweep);
        return new HyperparameterAxes(positiveList(training, "epochs"), positiveList(training, "batch-size"),
                learningRates(training));
    }

    private static boolean isList(Config training, String key) {
        return training.hasPath(key) && training.getValue(key).valueType() == ConfigValueType.LIST;
    }

    private List<Integer> positiveList(Config training, String key) {
        if (!isList(training, key)) {
            return List.of();
        }
        List<Integer> values = training.getIntList(key);
        String path = "sweep.training." + key;
        checkAxis(values, path, "integers >= 1, such as [32, 128]");
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) < 1) {
                throw error(path + "[" + i + "] = " + values.get(i) + ": expected an integer >= 1");
            }
        }
        return values;
    }

    private List<Double> learningRates(Config training) {
        if (!isList(training, "learning-rate")) {
            return List.of();
        }
        List<Double> rates = training.getDoubleList("learning-rate");
        checkAxis(rates, "sweep.training.learning-rate", "numbers > 0, such as [0.001, 0.01]");
        for (int i = 0; i < rates.size(); i++) {
            learningRate(rates.get(i), "[" + i + "]");
        }
        return rates;
    }

    private double learningRate(double rate, String index) {
        if (!(rate > 0)) {
            throw error("sweep.training.learning-rate" + index + " = " + rate + ": expected a number > 0, such as 0.001");
        }
        return rate;
    }

    private <T> void checkAxis(List<T> values, String path, String expected) {
        if (values.isEmpty()) {
            throw error(path + " is empty: expected a value or a list of " + expected);
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.subList(0, i).contains(values.get(i))) {
                throw error(path + "[" + i + "] = " + values.get(i) + " appears twice: expected each value once");
            }
        }
    }

    private OptionalInt optionalPositive(Config training, String key) {
        return training.hasPath(key) ? OptionalInt.of(positive(training, key, 1, "sweep.training.")) : OptionalInt.empty();
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

    /** {@code sweep.retry.max-attempts} and {@code sweep.task-timeout}; read after {@link #toSweep} checked the keys. */
    private AttemptLimits attemptLimits() {
        Config sweep = root.getConfig("sweep");
        int maxAttempts = AttemptLimits.DEFAULT.maxAttempts();
        if (sweep.hasPath("retry")) {
            Config retry = sweep.getConfig("retry");
            rejectUnknown(retry, "sweep.retry.", RETRY_KEYS);
            maxAttempts = positive(retry, "max-attempts", maxAttempts, "sweep.retry.");
        }
        Duration timeout = sweep.hasPath("task-timeout") ? sweep.getDuration("task-timeout")
                : AttemptLimits.DEFAULT.taskTimeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw error("sweep.task-timeout = " + sweep.getValue("task-timeout").render()
                    + ": expected a positive duration such as 2h or 90m");
        }
        return new AttemptLimits(maxAttempts, timeout);
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

    /** The datasets of the architecture entries that name theirs ({ name = s4-mnist-cnn, datasets = [mnist] }). */
    private Map<String, List<String>> datasetsOf(Config sweep) {
        List<String> datasets = sweep.getStringList("datasets");
        Map<String, List<String>> datasetsOf = new LinkedHashMap<>();
        List<? extends ConfigValue> entries = sweep.getList("architectures");
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof ConfigObject entry && entry.containsKey("datasets")) {
                String path = "sweep.architectures[" + i + "].datasets";
                List<String> named = entry.toConfig().getStringList("datasets");
                if (named.isEmpty()) {
                    throw error(path + " is empty: expected some of the sweep's datasets, " + String.join(", ", datasets));
                }
                for (String dataset : named) {
                    if (!datasets.contains(dataset)) {
                        throw error(path + " names '" + dataset + "', which is not in sweep.datasets: expected some of "
                                + String.join(", ", datasets));
                    }
                }
                datasetsOf.put(entry.toConfig().getString("name"), named);
            }
        }
        return datasetsOf;
    }

    /** The report's baseline must name values the sweep has, or there would be nothing to compare with. */
    private Optional<Baseline> baseline(Sweep sweep) {
        Optional<Baseline> baseline = block(ReportBlock::baseline);
        List<TaskSpec> tasks = sweep.tasks();
        Map<String, List<String>> values = Map.of(
                "dataset", sweep.datasets(),
                "architecture", sweep.architectures().stream().map(Architecture::name).toList(),
                "device", sweep.devices().stream().map(Device::label).toList(),
                "framework", sweep.frameworks(),
                "epochs", distinct(tasks, task -> String.valueOf(task.training().epochs())),
                "batch-size", distinct(tasks, task -> String.valueOf(task.training().batchSize())),
                "learning-rate", distinct(tasks, task -> BigDecimal.valueOf(task.training().optimizer().learningRate())
                        .stripTrailingZeros().toPlainString()));
        baseline.ifPresent(chosen -> chosen.axes().forEach((axis, value) -> {
            if (!values.get(axis).contains(value)) {
                throw error(ReportBlock.BASELINE_PATH + "." + axis + " = '" + value + "' is not in the sweep: expected one of "
                        + String.join(", ", values.get(axis)));
            }
        }));
        return baseline;
    }

    private ReportOptions reportOptions() {
        return block(ReportBlock::options);
    }

    /** A block of the file read by its own class, whose one-line errors become this file's. */
    private <T> T block(Function<Config, T> read) {
        try {
            return read.apply(root);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /**
     * A reference group's architecture must be one the sweep or the zoo knows, or a misspelt name would stand beside
     * nothing unnoticed; it need not be in the sweep, which may leave some of the study's groups out.
     */
    private Optional<StudyReference> reference(Sweep sweep) {
        Optional<StudyReference> reference = block(ReferenceBlock::reference);
        Set<String> known = new TreeSet<>(ArchitectureZoo.names());
        sweep.architectures().forEach(architecture -> known.add(architecture.name()));
        List<ReferenceGroup> groups = reference.map(StudyReference::groups).orElse(List.of());
        for (int i = 0; i < groups.size(); i++) {
            if (!known.contains(groups.get(i).architecture())) {
                throw error(ReferenceBlock.PATH + ".groups[" + i + "].architecture = '" + groups.get(i).architecture()
                        + "' is unknown: expected one of " + String.join(", ", known));
            }
        }
        return reference;
    }

    private static List<String> distinct(List<TaskSpec> tasks, Function<TaskSpec, String> value) {
        return tasks.stream().map(value).distinct().toList();
    }

    private SweepFileException error(String message) {
        return new SweepFileException(fileName + ": " + message);
    }
}
