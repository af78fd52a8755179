package io.benchfleet.protocol.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One training run of a sweep: one value of every axis. Its {@link #id()} is a hash of those values,
 * so a resumed or merged run recognises the same task.
 *
 * @param split      the split's label, e.g. {@code standard}
 * @param fold       the fold within the split; 0 where the split has a single fold
 * @param repetition 1-based repetition number
 * @param seed       drives weight init and shuffling of this task, and the split's and the train
 *                   subset's draws: every fold and architecture of a repetition sees the same partition
 * @param trainFraction the stratified share of the training part this task trains on; 1 = all of it
 * @param framework  the library the task trains with ({@link Framework})
 */
public record TaskSpec(
        String dataset,
        String architecture,
        Device device,
        String split,
        int fold,
        int repetition,
        long seed,
        TrainingSettings training,
        double trainFraction,
        String framework) {

    private static final int ID_HEX_CHARS = 16;
    public static final double WHOLE_TRAINING_PART = 1.0;
    private static final String RAW_FEATURES = "|normalisation=none";

    public TaskSpec {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("train fraction " + trainFraction + " is not in (0, 1]");
        }
        if (!Framework.isValidName(framework)) {
            throw new IllegalArgumentException("framework '" + framework + "' is not " + Framework.nameRule());
        }
    }

    /** A DL4J task. */
    public TaskSpec(String dataset, String architecture, Device device, String split, int fold, int repetition,
                    long seed, TrainingSettings training, double trainFraction) {
        this(dataset, architecture, device, split, fold, repetition, seed, training, trainFraction, Framework.DL4J);
    }

    /** A task that trains on its whole training part. */
    public TaskSpec(String dataset, String architecture, Device device, String split, int fold, int repetition,
                    long seed, TrainingSettings training) {
        this(dataset, architecture, device, split, fold, repetition, seed, training, WHOLE_TRAINING_PART);
    }

    /** The same task trained with another framework. */
    public TaskSpec withFramework(String other) {
        return new TaskSpec(dataset, architecture, device, split, fold, repetition, seed, training, trainFraction, other);
    }

    /**
     * A stable id: the same axis values give the same id in every run and every version, which is what
     * resume and merge rely on. Training settings are part of it: the same network trained for another
     * number of epochs or with another optimizer is a different measurement, not a repetition.
     */
    public String id() {
        String canonical = String.join("|",
                "dataset=" + dataset,
                "architecture=" + architecture,
                "device=" + device.label(),
                "split=" + split,
                "fold=" + fold,
                "repetition=" + repetition,
                "seed=" + seed,
                "epochs=" + training.epochs(),
                "batch-size=" + training.batchSize(),
                "train-limit=" + training.trainLimit(),
                "optimizer=" + training.optimizer().describe());
        // Only a partial training part, raw features and a framework other than DL4J add a term, so tasks without
        // those keep the ids they had.
        String withFraction = trainFraction == WHOLE_TRAINING_PART ? canonical
                : canonical + "|train-fraction=" + trainFraction;
        withFraction = training.rawFeatures() ? withFraction + RAW_FEATURES : withFraction;
        String withFramework = framework.equals(Framework.DL4J) ? withFraction
                : withFraction + "|framework=" + framework;
        return hash(withFramework);
    }

    /**
     * The data this task trains and tests on, as a stable id: the same for every architecture, framework and
     * device of a (dataset, split, fold, repetition, train limit, train fraction), so a worker node prepares a
     * partition once and every task that shares it reuses it. The seed counts only where it draws something
     * (a hold-out or k-fold split, a training subset): the dataset's own train/test files are the same data in
     * every repetition. Raw features are other data than standardised ones.
     */
    public String partitionKey() {
        boolean drawn = !split.equals(Split.STANDARD.label()) || training.trainLimit() > 0
                || trainFraction != WHOLE_TRAINING_PART;
        return hash(String.join("|",
                "dataset=" + dataset,
                "split=" + split,
                "fold=" + fold,
                "seed=" + (drawn ? seed : 0),
                "train-limit=" + training.trainLimit(),
                "train-fraction=" + trainFraction) + (training.rawFeatures() ? RAW_FEATURES : ""));
    }

    private static String hash(String canonical) {
        return HexFormat.of().formatHex(sha256(canonical)).substring(0, ID_HEX_CHARS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
