package io.benchfleet.report;

import io.benchfleet.dataset.DatasetCatalog;

import java.util.Locale;
import java.util.Optional;

/**
 * Flags a succeeded task whose test accuracy is not clearly above guessing. S4's harness reported
 * 3 % on letter (chance: 3.8 %) and nobody noticed; a number like that is a bug until shown otherwise.
 * "Clearly" is three binomial standard errors of a guesser's accuracy on a test part of that size:
 * a network at chance passes it about once in 700 tasks.
 */
final class ChanceLevel {

    private static final double STANDARD_ERRORS = 3.0;

    private ChanceLevel() {
    }

    static Optional<String> suspicion(TaskResult result) {
        if (result.status() != TaskStatus.SUCCEEDED) {
            return Optional.empty();
        }
        RecordedAttempt attempt = result.finalAttempt().orElseThrow();
        Optional<Integer> classes = DatasetCatalog.byName(result.task().dataset()).map(d -> d.classes());
        if (classes.isEmpty() || attempt.testAccuracy().isEmpty() || attempt.testSamples().isEmpty()) {
            return Optional.empty();
        }
        double chance = 1.0 / classes.get();
        long n = attempt.testSamples().get();
        double threshold = chance + STANDARD_ERRORS * Math.sqrt(chance * (1 - chance) / n);
        double accuracy = attempt.testAccuracy().get();
        return accuracy > threshold ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "test accuracy %.4f is not clearly above chance %.4f for %d classes (threshold %.4f at %d test samples)",
                accuracy, chance, classes.get(), threshold, n));
    }
}
