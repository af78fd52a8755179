package io.benchfleet.protocol.trainer;

import io.benchfleet.protocol.architecture.Shape;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The data of one task as its worker node hands it to the trainer: a folder of {@code .npy} files
 * (docs/trainer-protocol.md), the task's split, fold, train limit and train fraction already applied.
 * <ul>
 *   <li>{@code train_x.npy}, {@code test_x.npy}: uint8, {@code N x C x H x W} for images, {@code N x F} for
 *       feature vectors, as the dataset publishes the values;</li>
 *   <li>{@code train_y.npy}, {@code test_y.npy}: int64 class indices, {@code N};</li>
 *   <li>{@code offset.npy}, {@code scale.npy}: float32, one value per input feature (the shape of one sample);
 *       the network's input is {@code (x - offset) * scale}, fitted on the training part alone.</li>
 * </ul>
 *
 * @param directory    the folder holding the files, absolute
 * @param sha256       hex SHA-256 of the training and test samples and labels: the same in every framework
 *                     for the same (dataset, split, fold, repetition, train limit, train fraction)
 * @param shape        one sample's shape
 * @param classes      the number of classes; labels are 0..classes-1
 */
public record DataPartition(String directory, String sha256, int trainSamples, int testSamples, Shape shape,
                            int classes) {

    public static final String TRAIN_FEATURES = "train_x.npy";
    public static final String TRAIN_LABELS = "train_y.npy";
    public static final String TEST_FEATURES = "test_x.npy";
    public static final String TEST_LABELS = "test_y.npy";
    public static final String OFFSET = "offset.npy";
    public static final String SCALE = "scale.npy";

    public DataPartition {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(shape, "shape");
    }

    public Path file(String name) {
        return Path.of(directory, name);
    }
}
