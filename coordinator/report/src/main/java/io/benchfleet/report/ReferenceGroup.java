package io.benchfleet.report;

import io.benchfleet.protocol.sweep.Split;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One group of a study's own results, as the sweep file's {@code reference} block gives it: what the study trained
 * (named as ours are, but with the study's framework) and the figures it published for it.
 *
 * @param framework    the study's, as it named it (keras, tensorflow, theano, flux, ...)
 * @param device       empty where the study does not say (S3): it then stands beside ours on every device
 * @param split        a split label (standard, holdout-0.3, kfold-10); empty where the study does not say
 * @param trainFraction the share of the training part; empty where the figure is for every size or the study
 *                      gives none
 * @param figures      per measure the values it published, in its own order: two or more where the study printed
 *                     different values for the same thing, each with where it printed it
 * @param source       where in the study the figures are (a table, an appendix), for those without their own
 * @param note         what the study leaves open about this group
 */
public record ReferenceGroup(String dataset, String architecture, String framework, Optional<String> device,
                             Optional<String> split, Optional<Double> trainFraction,
                             Map<ReferenceMeasure, List<Figure>> figures, String source, Optional<String> note) {

    /** One published value; its source is the group's where it has none of its own. */
    public record Figure(double value, Optional<String> source) {
    }

    public ReferenceGroup {
        Map<ReferenceMeasure, List<Figure>> inOrder = new EnumMap<>(ReferenceMeasure.class);
        figures.forEach((measure, values) -> inOrder.put(measure, List.copyOf(values)));
        figures = Collections.unmodifiableMap(inOrder);
    }

    /** Whether the study printed different values for this measure of this group. */
    public boolean disagrees(ReferenceMeasure measure) {
        return figures.getOrDefault(measure, List.of()).stream().map(Figure::value).distinct().count() > 1;
    }

    String sourceOf(Figure figure) {
        return figure.source().orElse(source);
    }

    /**
     * Whether this study group stands beside one of ours: the same dataset and architecture, device, split and train
     * fraction where the study names them, and the same framework where the report has the study's framework
     * (S4's PyTorch); a study framework we do not run stands beside each of ours.
     *
     * @param ourFrameworks the frameworks of the report's groups
     */
    boolean matches(GroupKey ours, Collection<String> ourFrameworks) {
        return dataset.equals(ours.dataset()) && architecture.equals(ours.architecture())
                && device.map(ours.device()::equals).orElse(true)
                && split.map(label -> sameProtocol(label, ours.split())).orElse(true)
                && trainFraction.map(fraction -> fraction == ours.trainFraction()).orElse(true)
                && (!ourFrameworks.contains(framework) || framework.equals(ours.framework()));
    }

    /**
     * A 70/30 hold-out is a 70/30 hold-out whether stratified or not: the studies do not all say how they drew it,
     * and ours may draw it either way.
     */
    private static boolean sameProtocol(String label, String ours) {
        return protocol(label).equals(protocol(ours));
    }

    private static String protocol(String label) {
        Optional<Split> split = Split.fromLabel(label);
        if (split.isPresent() && split.get() instanceof Split.Holdout holdout) {
            return new Split.Holdout(holdout.testFraction()).label();
        }
        if (split.isPresent() && split.get() instanceof Split.KFold folds) {
            return new Split.KFold(folds.k()).label();
        }
        return label;
    }

    /** E.g. {@code mnist/s4-mnist-cnn/cpu/holdout-0.3/tensorflow}, with only the axes the study names. */
    public String label(String separator) {
        List<String> names = new ArrayList<>(List.of(dataset, architecture));
        device.ifPresent(names::add);
        split.ifPresent(names::add);
        trainFraction.ifPresent(fraction -> names.add("train fraction " + SweepFileNumber.of(fraction)));
        names.add(framework);
        return String.join(separator, names);
    }
}
