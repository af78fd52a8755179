package io.benchfleet.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The comparisons under the console table: the study's own figures against ours, one line per group against the
 * baseline, and per scalability step.
 */
final class StudyTablesConsole {

    private StudyTablesConsole() {
    }

    static void print(StudyTables tables, ShownAxes shown, PrintStream out) {
        tables.reference().ifPresent(reference -> reference(reference, shown, out));
        tables.baseline().ifPresent(baseline -> {
            if (!tables.comparisons().isEmpty()) {
                out.println("against " + baseline.describe() + " (ratio of means, Welch's p):");
            }
        });
        for (BaselineComparison comparison : tables.comparisons()) {
            out.println("  " + shown.label(comparison.group(), "/") + ": "
                    + comparison.ratios().stream().map(StudyTablesConsole::ratio).collect(Collectors.joining(", ")));
        }
        if (!tables.scalability().isEmpty()) {
            out.println("scalability (params x, train time x, " + DeviceMemory.peakOf(
                    tables.scalability().stream().map(step -> step.from().device()).toList()) + " x):");
        }
        for (ScalabilityStep step : tables.scalability()) {
            GroupKey from = step.from();
            List<String> setting = new ArrayList<>(List.of(from.dataset(), from.device(), from.split()));
            setting.addAll(shown.suffixes(from));
            out.println("  " + String.join("/", setting) + " " + from.architecture() + " -> "
                    + step.to().architecture() + ": " + times(step.paramsMultiplier()) + ", "
                    + times(step.timeMultiplier()) + ", " + times(step.memoryMultiplier()));
        }
    }

    /** A short block: the matched groups' ratios, the study's disagreements, and how many of its groups are left. */
    private static void reference(ReferenceTable table, ShownAxes shown, PrintStream out) {
        out.println("the study's own figures (ours / study). " + table.hardwareSentence());
        for (ReferenceTable.Row row : table.matched()) {
            out.println("  " + shown.label(row.ours().orElseThrow().key(), "/") + " vs " + row.study().framework() + ": "
                    + row.study().figures().keySet().stream().map(measure -> measure.column() + " "
                    + ratios(row.ratios(measure))).collect(Collectors.joining(", ")));
        }
        for (ReferenceGroup study : table.reference().groups()) {
            study.figures().forEach((measure, figures) -> {
                if (study.disagrees(measure)) {
                    out.println("  the study's figures disagree: " + study.label("/") + " " + measure.column() + " "
                            + figures.stream().map(figure -> measure.formatPublished(figure.value()))
                            .collect(Collectors.joining(" vs ")));
                }
            });
        }
        if (!table.unmatched().isEmpty()) {
            out.println("  " + table.unmatched().size() + " of the study's " + table.reference().groups().size()
                    + " groups match no group of ours (report.html lists them)");
        }
    }

    /** "1.234" or, where the study printed two values, "1.234/1.288"; "-" where ours has none. */
    private static String ratios(List<Optional<Double>> ratios) {
        String joined = ratios.stream().flatMap(Optional::stream).map(r -> String.format(Locale.ROOT, "%.3f", r))
                .collect(Collectors.joining("/"));
        return joined.isEmpty() ? "-" : joined;
    }

    private static String ratio(BaselineComparison.Ratio ratio) {
        return ratio.measure() + " " + String.format(Locale.ROOT, "%.3f", ratio.ratio())
                + ratio.pValue().map(p -> String.format(Locale.ROOT, " (p %.4f)", p)).orElse("");
    }

    private static String times(Optional<Double> multiplier) {
        return multiplier.map(m -> String.format(Locale.ROOT, "%.2f", m)).orElse("-");
    }
}
