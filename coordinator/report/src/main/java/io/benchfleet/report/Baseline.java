package io.benchfleet.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The groups the others are compared with, as the sweep file's {@code report { baseline { ... } } }
 * block names them: {@code device = cpu} compares every group with its cpu twin ("gpu vs cpu"),
 * {@code architecture = mlp-small} every architecture with mlp-small on the same dataset and device,
 * {@code framework = pytorch} every framework with PyTorch on the same dataset, architecture, device and
 * split ("dl4j vs pytorch"); {@code batch-size = 32} (or {@code epochs}, {@code learning-rate}) every value of
 * that hyperparameter axis with 32 on the same other values.
 *
 * @param axes axis name ({@link #AXES}) to the baseline's value on it; the hyperparameters' values are numbers, as
 *             the sweep file validated them
 */
public record Baseline(Map<String, String> axes) {

    public static final List<String> AXES = List.of("dataset", "architecture", "device", "framework", "epochs",
            "batch-size", "learning-rate");

    public Baseline {
        axes = Map.copyOf(axes);
    }

    /**
     * The group a group is compared with: its own values with the baseline's put in. Where no group has exactly
     * those values, the one group that has them but for hyperparameters the baseline does not name: architectures
     * (and datasets) come with epochs and batch sizes of their own, which a comparison of architectures must not
     * hold equal.
     */
    Optional<GroupKey> counterpartIn(GroupKey group, Set<GroupKey> groups) {
        GroupKey exact = counterpartOf(group);
        if (groups.contains(exact)) {
            return Optional.of(exact);
        }
        List<GroupKey> alike = groups.stream().filter(other -> sameButUnnamedHyperparameters(other, exact)).toList();
        return alike.size() == 1 ? Optional.of(alike.get(0)) : Optional.empty();
    }

    private boolean sameButUnnamedHyperparameters(GroupKey other, GroupKey exact) {
        Hyperparameters mine = other.hyperparameters();
        Hyperparameters wanted = exact.hyperparameters();
        return other.dataset().equals(exact.dataset()) && other.architecture().equals(exact.architecture())
                && other.device().equals(exact.device()) && other.split().equals(exact.split())
                && other.framework().equals(exact.framework()) && other.trainFraction() == exact.trainFraction()
                && (!axes.containsKey("epochs") || mine.epochs() == wanted.epochs())
                && (!axes.containsKey("batch-size") || mine.batchSize() == wanted.batchSize())
                && (!axes.containsKey("learning-rate") || mine.learningRate().equals(wanted.learningRate()));
    }

    private GroupKey counterpartOf(GroupKey group) {
        return new GroupKey(axes.getOrDefault("dataset", group.dataset()),
                axes.getOrDefault("architecture", group.architecture()),
                axes.getOrDefault("device", group.device()), group.split(),
                axes.getOrDefault("framework", group.framework()), group.trainFraction(),
                hyperparametersOf(group.hyperparameters()));
    }

    private Hyperparameters hyperparametersOf(Hyperparameters group) {
        return new Hyperparameters(
                axes.containsKey("epochs") ? Integer.parseInt(axes.get("epochs")) : group.epochs(),
                axes.containsKey("batch-size") ? Integer.parseInt(axes.get("batch-size")) : group.batchSize(),
                axes.containsKey("learning-rate") ? Optional.of(Double.parseDouble(axes.get("learning-rate")))
                        : group.learningRate());
    }

    /** "device = cpu", for table headings. */
    public String describe() {
        return AXES.stream().filter(axes::containsKey).map(axis -> axis + " = " + axes.get(axis))
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
