package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.report.ReferenceGroup;
import io.benchfleet.report.ReferenceMeasure;
import io.benchfleet.report.StudyReference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The sweep file's {@code reference { ... }} block: a study's own published figures, for the report to set beside
 * ours. Part of the sweep file's grammar; the report receives the {@link StudyReference} it stands for.
 * <pre>
 * reference {
 *   study = "S4: TensorFlow vs Theano vs PyTorch, 2020"
 *   hardware = "Intel Core i7-4712MQ, 8 GB; GeForce 840M"
 *   groups = [
 *     { dataset = mnist, architecture = s4-mnist-cnn, framework = tensorflow, device = cpu, split = holdout-0.3
 *       train-seconds = 1005.69, test-accuracy = 0.8126, source = "tables of sections 2.2-2.3" }
 *     { dataset = mnist, architecture = cnn-medium, framework = flux, device = cpu, source = "Appendix B.1"
 *       first-epoch-seconds = [{ value = 312.03, source = "B.1" }, { value = 299.00, source = "4.3.1" }] }
 *   ]
 *   ambiguities = ["..."], contradictions = ["..."]   # optional texts
 * }
 * </pre>
 * A group's device, split and train fraction are optional: absent, the study does not say.
 */
public final class ReferenceBlock {

    public static final String PATH = "reference";

    private static final Set<String> KEYS = Set.of("study", "hardware", "groups", "ambiguities", "contradictions");
    private static final Set<String> GROUP_KEYS = Stream.concat(Stream.of("dataset", "architecture", "framework",
                    "device", "split", "train-fraction", "source", "note"),
            Arrays.stream(ReferenceMeasure.values()).map(ReferenceMeasure::key)).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> FIGURE_KEYS = Set.of("value", "source");
    private static final List<String> DEVICES = Arrays.stream(Device.values()).map(Device::label).toList();
    private static final String FIGURE = "{ value = <number>, source = \"<where the study prints it>\" }";

    private ReferenceBlock() {
    }

    /**
     * The reference block of a parsed sweep file, if it has one.
     *
     * @throws IllegalArgumentException with one line naming the key, the value and what was expected
     */
    public static Optional<StudyReference> reference(Config root) {
        if (!root.hasPath(PATH)) {
            return Optional.empty();
        }
        if (root.getValue(PATH).valueType() != ConfigValueType.OBJECT) {
            throw new IllegalArgumentException(PATH + " = " + rendered(root.getValue(PATH))
                    + ": expected a block reference { study, hardware, groups = [...] }");
        }
        Config block = root.getConfig(PATH);
        rejectUnknown(block, PATH, KEYS);
        return Optional.of(new StudyReference(text(block, "study", PATH), text(block, "hardware", PATH),
                groups(block), texts(block, "ambiguities"), texts(block, "contradictions")));
    }

    /**
     * The reference block of a run directory's copy of its sweep file; none when it has no such copy or block.
     *
     * @throws SweepFileException naming the file, when the copy or its block is malformed
     */
    public static Optional<StudyReference> ofRunDirectory(Path runDirectory) {
        return RunDirectorySweepFile.block(runDirectory, ReferenceBlock::reference).orElse(Optional.empty());
    }

    private static List<ReferenceGroup> groups(Config block) {
        String path = PATH + ".groups";
        ConfigValue value = block.hasPath("groups") ? block.getValue("groups") : null;
        if (!(value instanceof ConfigList entries) || entries.isEmpty()) {
            throw new IllegalArgumentException(path + (value == null ? " is missing" : " = " + rendered(value))
                    + ": expected a list of the study's groups, such as [{ dataset = mnist, architecture = mlp-small,"
                    + " framework = keras, train-seconds = 15.2, source = \"Table 1\" }]");
        }
        List<ReferenceGroup> groups = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ReferenceGroup group = group(entries.get(i), path + "[" + i + "]");
            if (!seen.add(List.of(group.dataset(), group.architecture(), group.framework(), group.device(),
                    group.split(), group.trainFraction()))) {
                throw new IllegalArgumentException(path + "[" + i + "] repeats the group " + group.label("/")
                        + ": expected each group once, with two values of one figure as a list of " + FIGURE);
            }
            groups.add(group);
        }
        return groups;
    }

    private static ReferenceGroup group(ConfigValue entry, String path) {
        if (!(entry instanceof ConfigObject object)) {
            throw new IllegalArgumentException(path + " = " + rendered(entry) + ": expected a block { dataset,"
                    + " architecture, framework, source and figures }");
        }
        Config group = object.toConfig();
        rejectUnknown(group, path, GROUP_KEYS);
        return new ReferenceGroup(dataset(group, path), text(group, "architecture", path), framework(group, path),
                device(group, path), split(group, path), trainFraction(group, path), figures(group, path),
                text(group, "source", path), optionalText(group, "note", path));
    }

    private static String dataset(Config group, String path) {
        String dataset = text(group, "dataset", path);
        if (!DatasetCatalog.names().contains(dataset)) {
            throw new IllegalArgumentException(path + ".dataset = '" + dataset + "' is unknown: expected one of "
                    + String.join(", ", DatasetCatalog.names()));
        }
        return dataset;
    }

    private static String framework(Config group, String path) {
        String framework = text(group, "framework", path);
        if (!Framework.isValidName(framework)) {
            throw new IllegalArgumentException(path + ".framework = '" + framework + "' is not a framework name:"
                    + " expected " + Framework.nameRule() + ", such as keras");
        }
        return framework;
    }

    private static Optional<String> device(Config group, String path) {
        Optional<String> device = optionalText(group, "device", path);
        if (device.isPresent() && !DEVICES.contains(device.get())) {
            throw new IllegalArgumentException(path + ".device = '" + device.get() + "' is not a device: expected "
                    + String.join(", ", DEVICES) + ", or no device where the study does not say");
        }
        return device;
    }

    private static Optional<String> split(Config group, String path) {
        Optional<String> split = optionalText(group, "split", path);
        if (split.isPresent() && Split.fromLabel(split.get()).isEmpty()) {
            throw new IllegalArgumentException(path + ".split = '" + split.get() + "' is not a split label: expected"
                    + " standard, holdout-F such as holdout-0.3, or kfold-K such as kfold-10");
        }
        return split;
    }

    private static Optional<Double> trainFraction(Config group, String path) {
        if (!group.hasPath("train-fraction")) {
            return Optional.empty();
        }
        ConfigValue value = group.getValue("train-fraction");
        if (value.valueType() != ConfigValueType.NUMBER || !(number(value) > 0 && number(value) <= 1)) {
            throw new IllegalArgumentException(path + ".train-fraction = " + rendered(value)
                    + ": expected a number > 0 and <= 1, such as 0.5");
        }
        return Optional.of(number(value));
    }

    private static Map<ReferenceMeasure, List<ReferenceGroup.Figure>> figures(Config group, String path) {
        Map<ReferenceMeasure, List<ReferenceGroup.Figure>> figures = new LinkedHashMap<>();
        for (ReferenceMeasure measure : ReferenceMeasure.values()) {
            if (group.hasPath(measure.key())) {
                figures.put(measure, figure(measure, group.getValue(measure.key()), path + "." + measure.key()));
            }
        }
        if (figures.isEmpty()) {
            throw new IllegalArgumentException(path + " has no figure: expected at least one of " + String.join(", ",
                    Arrays.stream(ReferenceMeasure.values()).map(ReferenceMeasure::key).toList()));
        }
        return figures;
    }

    /** A number, or a list of values each with its source where the study printed more than one. */
    private static List<ReferenceGroup.Figure> figure(ReferenceMeasure measure, ConfigValue value, String path) {
        if (value.valueType() == ConfigValueType.NUMBER) {
            return List.of(new ReferenceGroup.Figure(accepted(measure, value, path), Optional.empty()));
        }
        if (!(value instanceof ConfigList entries) || entries.isEmpty()) {
            throw new IllegalArgumentException(path + " = " + rendered(value) + ": expected " + measure.expected()
                    + ", or a list of " + FIGURE);
        }
        List<ReferenceGroup.Figure> figures = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entryPath = path + "[" + i + "]";
            ConfigValue entry = entries.get(i);
            if (!(entry instanceof ConfigObject object) || !object.containsKey("value") || !object.containsKey("source")) {
                throw new IllegalArgumentException(entryPath + " = " + rendered(entry) + ": expected " + FIGURE);
            }
            rejectUnknown(object.toConfig(), entryPath, FIGURE_KEYS);
            ConfigValue number = object.get("value");
            if (number.valueType() != ConfigValueType.NUMBER) {
                throw new IllegalArgumentException(entryPath + ".value = " + rendered(number) + ": expected "
                        + measure.expected());
            }
            figures.add(new ReferenceGroup.Figure(accepted(measure, number, entryPath + ".value"),
                    Optional.of(text(object.toConfig(), "source", entryPath))));
        }
        return figures;
    }

    private static double accepted(ReferenceMeasure measure, ConfigValue value, String path) {
        if (!measure.accepts(number(value))) {
            throw new IllegalArgumentException(path + " = " + rendered(value) + ": expected " + measure.expected());
        }
        return number(value);
    }

    private static double number(ConfigValue value) {
        return ((Number) value.unwrapped()).doubleValue();
    }

    private static String text(Config block, String key, String path) {
        return optionalText(block, key, path).orElseThrow(() -> new IllegalArgumentException("missing key '" + path
                + "." + key + "': expected a text"));
    }

    private static Optional<String> optionalText(Config block, String key, String path) {
        if (!block.hasPath(key)) {
            return Optional.empty();
        }
        ConfigValue value = block.getValue(key);
        if (value.valueType() != ConfigValueType.STRING || block.getString(key).isBlank()) {
            throw new IllegalArgumentException(path + "." + key + " = " + rendered(value) + ": expected a text");
        }
        return Optional.of(block.getString(key));
    }

    private static List<String> texts(Config block, String key) {
        if (!block.hasPath(key)) {
            return List.of();
        }
        ConfigValue value = block.getValue(key);
        if (value.valueType() != ConfigValueType.LIST
                || !((List<?>) value.unwrapped()).stream().allMatch(item -> item instanceof String)) {
            throw new IllegalArgumentException(PATH + "." + key + " = " + rendered(value)
                    + ": expected a list of texts, such as [\"...\", \"...\"]");
        }
        return block.getStringList(key);
    }

    private static void rejectUnknown(Config block, String path, Set<String> allowed) {
        for (String key : new TreeSet<>(block.root().keySet())) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + path + "." + key + "': expected one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    private static String rendered(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise());
    }
}
