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
        double trainFraction) {

    private static final int ID_HEX_CHARS = 16;
    public static final double WHOLE_TRAINING_PART = 1.0;

    public TaskSpec {
        if (!(trainFraction > 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("train fraction " + trainFraction + " is not in (0, 1]");
        }
    }

    /** A task that trains on its whole training part. */
    public TaskSpec(String dataset, String architecture, Device device, String split, int fold, int repetition,
                    long seed, TrainingSettings training) {
        this(dataset, architecture, device, split, fold, repetition, seed, training, WHOLE_TRAINING_PART);
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
        // Only a partial training part adds a term, so tasks without the axis keep the ids they had.
        String withFraction = trainFraction == WHOLE_TRAINING_PART ? canonical
                : canonical + "|train-fraction=" + trainFraction;
        return HexFormat.of().formatHex(sha256(withFraction)).substring(0, ID_HEX_CHARS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
