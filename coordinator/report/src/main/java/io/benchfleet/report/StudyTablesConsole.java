package io.benchfleet.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The comparisons under the console table: one line per group against the baseline, and per scalability step. */
final class StudyTablesConsole {

    private StudyTablesConsole() {
    }

    static void print(StudyTables tables, ShownAxes shown, PrintStream out) {
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
            out.println("scalability (params x, train time x, peak RSS x):");
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

    private static String ratio(BaselineComparison.Ratio ratio) {
        return ratio.measure() + " " + String.format(Locale.ROOT, "%.3f", ratio.ratio())
                + ratio.pValue().map(p -> String.format(Locale.ROOT, " (p %.4f)", p)).orElse("");
    }

    private static String times(Optional<Double> multiplier) {
        return multiplier.map(m -> String.format(Locale.ROOT, "%.2f", m)).orElse("-");
    }
}
