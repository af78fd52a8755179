package io.benchfleet.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which of the axes added since the first reports, framework and train fraction, the report's titles and tables
 * name: an axis is named where its value is not the one every report had before it (DL4J, the whole training
 * part) or where it tells groups apart. A report of DL4J tasks on whole training parts thus reads as it always
 * did; report.json and the CSV exports carry both axes whatever this says.
 *
 * @param frameworks     the report's frameworks, in the order they first appear
 * @param trainFractions its train fractions, in the order they first appear
 */
record ShownAxes(List<String> frameworks, List<Double> trainFractions) {

    static ShownAxes of(Collection<GroupKey> groups) {
        return new ShownAxes(groups.stream().map(GroupKey::framework).distinct().toList(),
                groups.stream().map(GroupKey::trainFraction).distinct().toList());
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
        return headers;
    }

    /** A group's values of the named axes, under {@link #headers()}. */
    List<String> cells(GroupKey group) {
        List<String> cells = new ArrayList<>();
        if (framework()) {
            cells.add(group.framework());
        }
        if (trainFraction()) {
            cells.add(fraction(group.trainFraction()));
        }
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
            suffixes.add("train fraction " + fraction(group.trainFraction()));
        }
        return suffixes;
    }

    /** As a sweep file writes it: 0.1, 1. */
    static String fraction(double trainFraction) {
        return BigDecimal.valueOf(trainFraction).stripTrailingZeros().toPlainString();
    }
}
