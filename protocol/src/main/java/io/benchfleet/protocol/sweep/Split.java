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

    /** The label's ending for a split that is not stratified; stratified labels keep the form they always had. */
    String PLAIN = "-plain";

    String label();

    /** The folds of this split, each its own task: 1..k for k-fold, the single fold 0 otherwise. */
    List<Integer> folds();

    /** The split a label stands for; empty when the label is not one {@link #label()} writes. */
    static Optional<Split> fromLabel(String label) {
        return parse(label).filter(split -> split.label().equals(label));
    }

    private static Optional<Split> parse(String label) {
        boolean stratified = !label.endsWith(PLAIN);
        String stem = stratified ? label : label.substring(0, label.length() - PLAIN.length());
        try {
            if (stem.startsWith(Holdout.PREFIX)) {
                return Optional.of(new Holdout(Double.parseDouble(stem.substring(Holdout.PREFIX.length())), stratified));
            }
            if (stem.startsWith(KFold.PREFIX)) {
                return Optional.of(new KFold(Integer.parseInt(stem.substring(KFold.PREFIX.length())), stratified));
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

    /**
     * One seeded split of the merged train and test data (S4's 70/30 protocol): stratified, every class in its
     * share, or plain, a shuffled cut as scikit-learn's train_test_split makes it without stratify.
     */
    record Holdout(double testFraction, boolean stratified) implements Split {
        private static final String PREFIX = "holdout-";

        public Holdout {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("test fraction " + testFraction + " is not between 0 and 1");
            }
        }

        /** Stratified. */
        public Holdout(double testFraction) {
            this(testFraction, true);
        }

        @Override
        public String label() {
            return PREFIX + BigDecimal.valueOf(testFraction).stripTrailingZeros().toPlainString() + (stratified ? "" : PLAIN);
        }

        @Override
        public List<Integer> folds() {
            return List.of(0);
        }
    }

    /**
     * k-fold cross-validation on the merged data: fold i tests on the i-th of k disjoint parts, stratified or plain
     * (contiguous parts of one shuffle, as scikit-learn's KFold with shuffling makes them).
     */
    record KFold(int k, boolean stratified) implements Split {
        private static final String PREFIX = "kfold-";

        public KFold {
            if (k < 2) {
                throw new IllegalArgumentException("k-fold needs k >= 2, not " + k);
            }
        }

        /** Stratified. */
        public KFold(int k) {
            this(k, true);
        }

        @Override
        public String label() {
            return PREFIX + k + (stratified ? "" : PLAIN);
        }

        @Override
        public List<Integer> folds() {
            return IntStream.rangeClosed(1, k).boxed().toList();
        }
    }
}
