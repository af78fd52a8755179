package io.benchfleet.report;

import java.util.List;
import java.util.Map;

/**
 * The groups the others are compared with, as the sweep file's {@code report { baseline { ... } } }
 * block names them: {@code device = cpu} compares every group with its cpu twin ("gpu vs cpu"),
 * {@code architecture = mlp-small} every architecture with mlp-small on the same dataset and device,
 * {@code framework = pytorch} every framework with PyTorch on the same dataset, architecture, device and
 * split ("dl4j vs pytorch").
 *
 * @param axes axis name (dataset, architecture, device, framework) to the baseline's value on it
 */
public record Baseline(Map<String, String> axes) {

    public static final List<String> AXES = List.of("dataset", "architecture", "device", "framework");

    public Baseline {
        axes = Map.copyOf(axes);
    }

    /** The group a group is compared with: its own values with the baseline's put in. */
    GroupKey counterpartOf(GroupKey group) {
        return new GroupKey(axes.getOrDefault("dataset", group.dataset()),
                axes.getOrDefault("architecture", group.architecture()),
                axes.getOrDefault("device", group.device()), group.split(),
                axes.getOrDefault("framework", group.framework()), group.trainFraction());
    }

    /** "device = cpu", for table headings. */
    public String describe() {
        return AXES.stream().filter(axes::containsKey).map(axis -> axis + " = " + axes.get(axis))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
