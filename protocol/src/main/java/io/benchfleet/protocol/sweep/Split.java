package io.benchfleet.protocol.sweep;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * How a task divides its dataset into a training and a test part. A task carries its split as a
 * {@link #label()} ({@code standard}, {@code holdout-0.3}, {@code kfold-10}); that label is what
 * results.csv shows and what the task id hashes, so existing ids stay as they were.
 */
public sealed interface Split {

    Standard STANDARD = new Standard();

    String label();

    /** The folds of this split, each its own task: 1..k for k-fold, the single fold 0 otherwise. */
    List<Integer> folds();

    /** The split a label stands for; empty when the label is not one {@link #label()} writes. */
    static Optional<Split> fromLabel(String label) {
        return parse(label).filter(split -> split.label().equals(label));
    }

    private static Optional<Split> parse(String label) {
        try {
            if (label.startsWith(Holdout.PREFIX)) {
                return Optional.of(new Holdout(Double.parseDouble(label.substring(Holdout.PREFIX.length()))));
            }
            if (label.startsWith(KFold.PREFIX)) {
                return Optional.of(new KFold(Integer.parseInt(label.substring(KFold.PREFIX.length()))));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(STANDARD);
    }

    /** The dataset's own train and test files (for letter, the customary first 16,000 / last 4,000 rows). */
    record Standard() implements Split {
        @Override
        public String label() {
            return "standard";
        }

        @Override
        public List<Integer> folds() {
            return List.of(0);
        }
    }

    /** One stratified, seeded split of the merged train and test data (S4's 70/30 protocol). */
    record Holdout(double testFraction) implements Split {
        private static final String PREFIX = "holdout-";

        public Holdout {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("test fraction " + testFraction + " is not between 0 and 1");
            }
        }

        @Override
        public String label() {
            return PREFIX + BigDecimal.valueOf(testFraction).stripTrailingZeros().toPlainString();
        }

        @Override
        public List<Integer> folds() {
            return List.of(0);
        }
    }

    /** Stratified k-fold cross-validation on the merged data: fold i tests on the i-th of k disjoint parts. */
    record KFold(int k) implements Split {
        private static final String PREFIX = "kfold-";

        public KFold {
            if (k < 2) {
                throw new IllegalArgumentException("k-fold needs k >= 2, not " + k);
            }
        }

        @Override
        public String label() {
            return PREFIX + k;
        }

        @Override
        public List<Integer> folds() {
            return IntStream.rangeClosed(1, k).boxed().toList();
        }
    }
}
