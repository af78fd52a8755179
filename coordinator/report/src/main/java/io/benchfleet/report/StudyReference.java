package io.benchfleet.report;

import java.util.List;

/**
 * A study's own published results, from the sweep file's {@code reference} block, for the report to set beside
 * ours. The hardware is the study's, in its words: it always differs from ours, and the report says so.
 *
 * @param study          which study, e.g. "S4: TensorFlow vs Theano vs PyTorch, 2020"
 * @param hardware       what the study ran on
 * @param groups         its groups and their figures
 * @param ambiguities    what the study leaves open that bears on its figures
 * @param contradictions where its own numbers or claims disagree beyond one figure (a ratio in the text that its
 *                       tables do not give); two values of one figure are in the group instead
 */
public record StudyReference(String study, String hardware, List<ReferenceGroup> groups, List<String> ambiguities,
                             List<String> contradictions) {

    public StudyReference {
        groups = List.copyOf(groups);
        ambiguities = List.copyOf(ambiguities);
        contradictions = List.copyOf(contradictions);
    }
}
