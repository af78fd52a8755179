package io.benchfleet.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Which of the axes added since the first reports, framework, train fraction and the hyperparameter axes, the
 * report's titles and tables name: an axis is named where its value is not the one every report had before it
 * (DL4J, the whole training part) or where it tells groups apart; a hyperparameter only where it does the latter,
 * since every architecture has its own epochs and batch size. A report of DL4J tasks on whole training parts thus reads as it always
 * did; report.json and the CSV exports carry both axes whatever this says.
 *
 * @param frameworks     the report's frameworks, in the order they first appear
 * @param trainFractions its train fractions, in the order they first appear
 */
record ShownAxes(List<String> frameworks, List<Double> trainFractions, Set<Hyperparameter> hyperparameters) {

    /** A hyperparameter a sweep may make an axis: named where two groups differ in it and in nothing else. */
    enum Hyperparameter {
        EPOCHS("epochs", "epochs ", key -> String.valueOf(key.hyperparameters().epochs()),
                h -> new Hyperparameters(0, h.batchSize(), h.learningRate())),
        BATCH_SIZE("batch size", "batch ", key -> String.valueOf(key.hyperparameters().batchSize()),
                h -> new Hyperparameters(h.epochs(), 0, h.learningRate())),
        LEARNING_RATE("learning rate", "lr ", key -> key.hyperparameters().learningRateText(),
                h -> new Hyperparameters(h.epochs(), h.batchSize(), Optional.empty()));

        private final String header;
        private final String prefix;
        private final Function<GroupKey, String> value;
        private final UnaryOperator<Hyperparameters> without;

        Hyperparameter(String header, String prefix, Function<GroupKey, String> value,
                       UnaryOperator<Hyperparameters> without) {
            this.header = header;
            this.prefix = prefix;
            this.value = value;
            this.without = without;
        }

        private boolean splits(Collection<GroupKey> groups) {
            return groups.stream().collect(Collectors.groupingBy(
                            key -> new GroupKey(key.dataset(), key.architecture(), key.device(), key.split(),
                                    key.framework(), key.trainFraction(), without.apply(key.hyperparameters())),
                            Collectors.mapping(value, Collectors.toSet())))
                    .values().stream().anyMatch(values -> values.size() > 1);
        }
    }

    /** Without hyperparameter axes. */
    ShownAxes(List<String> frameworks, List<Double> trainFractions) {
        this(frameworks, trainFractions, Set.of());
    }

    static ShownAxes of(Collection<GroupKey> groups) {
        Set<Hyperparameter> varied = EnumSet.noneOf(Hyperparameter.class);
        Arrays.stream(Hyperparameter.values()).filter(h -> h.splits(groups)).forEach(varied::add);
        return new ShownAxes(groups.stream().map(GroupKey::framework).distinct().toList(),
                groups.stream().map(GroupKey::trainFraction).distinct().toList(), varied);
    }

    /** Whether the report sets frameworks side by side, S4's comparison. */
    boolean comparesFrameworks() {
        return frameworks.size() > 1;
    }

    boolean framework() {
        return comparesFrameworks() || !frameworks.equals(List.of(Task.DL4J));
    }

    boolean trainFraction() {
        return trainFractions.size() > 1 || !trainFractions.equals(List.of(Task.WHOLE_TRAINING_PART));
    }

    /** The headers of the named axes, for the columns after a table's split. */
    List<String> headers() {
        List<String> headers = new ArrayList<>();
        if (framework()) {
            headers.add("framework");
        }
        if (trainFraction()) {
            headers.add("train fraction");
        }
        hyperparameters.forEach(h -> headers.add(h.header));
        return headers;
    }

    /** A group's values of the named axes, under {@link #headers()}. */
    List<String> cells(GroupKey group) {
        List<String> cells = new ArrayList<>();
        if (framework()) {
            cells.add(group.framework());
        }
        if (trainFraction()) {
            cells.add(SweepFileNumber.of(group.trainFraction()));
        }
        hyperparameters.forEach(h -> cells.add(h.value.apply(group)));
        return cells;
    }

    /** E.g. {@code mnist / mlp-small / cpu / standard / pytorch / train fraction 0.1} with " / " as separator. */
    String label(GroupKey group, String separator) {
        List<String> names = new ArrayList<>(List.of(group.dataset(), group.architecture(), group.device(),
                group.split()));
        names.addAll(suffixes(group));
        return String.join(separator, names);
    }

    /** The named axes of a group as words that stand on their own after its other names. */
    List<String> suffixes(GroupKey group) {
        List<String> suffixes = new ArrayList<>();
        if (framework()) {
            suffixes.add(group.framework());
        }
        if (trainFraction()) {
            suffixes.add("train fraction " + SweepFileNumber.of(group.trainFraction()));
        }
        suffixes.addAll(hyperparameterNames(group));
        return suffixes;
    }

    /** The values of the hyperparameter axes that tell this group from others, e.g. {@code batch 32}. */
    List<String> hyperparameterNames(GroupKey group) {
        return hyperparameters.stream().map(h -> h.prefix + h.value.apply(group)).toList();
    }
}
