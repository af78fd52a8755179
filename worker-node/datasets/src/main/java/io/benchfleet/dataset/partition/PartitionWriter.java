package io.benchfleet.dataset.partition;

import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetInfo;
import io.benchfleet.dataset.reader.DatasetLoader;
import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.dataset.reader.LabelledSamples;
import io.benchfleet.dataset.reader.TaskParts;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.trainer.DataPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a task's data partition ({@link DataPartition}): the dataset loaded, divided by the task's split and fold,
 * the training part cut to its train limit and fraction, and the scaling fitted on the training part, as the six
 * {@code .npy} files every trainer reads. Nothing of the architecture or framework enters: all tasks of one
 * {@link TaskSpec#partitionKey()} get the same files.
 * <p>
 * The partition's SHA-256 is taken over the data bytes (not the headers) of the training features, training labels,
 * test features and test labels, in that order: equal samples give an equal hash, however they were written.
 */
public final class PartitionWriter {

    private final DatasetLoader loader;

    public PartitionWriter(DatasetLoader loader) {
        this.loader = loader;
    }

    /**
     * Writes the files into a new folder beside {@code target} and renames it to {@code target} once complete, so
     * that nobody ever sees half a partition.
     *
     * @param target a folder that does not exist yet, in one that does
     * @throws UnknownDataException                               when the task names an unknown dataset or split
     * @throws io.benchfleet.dataset.DatasetUnavailableException when this node has no copy of the dataset
     * @throws io.benchfleet.dataset.reader.DataFileException    when a dataset file is corrupt
     * @throws IOException                                        when the files cannot be written
     */
    public DataPartition write(TaskSpec task, Path target) throws IOException {
        DatasetInfo dataset = DatasetCatalog.byName(task.dataset())
                .orElseThrow(() -> new UnknownDataException("unknown dataset '" + task.dataset() + "'; known: "
                        + DatasetCatalog.names()));
        Split split = Split.fromLabel(task.split())
                .orElseThrow(() -> new UnknownDataException("unknown split '" + task.split() + "'"));
        TaskParts parts = TaskParts.of(loader.load(dataset), split, task);
        FeatureScaling scaling = FeatureScaling.fit(task.training().rawFeatures()
                ? dataset.normalisation().forRawFeatures() : dataset.normalisation(), parts.train());
        Path absolute = target.toAbsolutePath();
        Path folder = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + "-");
        String sha256;
        try {
            sha256 = writeFiles(folder, parts, scaling);
            Files.move(folder, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            PartitionFolder.delete(folder);
            throw e;
        }
        return new DataPartition(absolute.toString(), sha256, parts.train().count(), parts.test().count(),
                parts.train().shape(), dataset.classes());
    }

    /** @return the hex SHA-256 of the samples */
    private static String writeFiles(Path folder, TaskParts parts, FeatureScaling scaling) throws IOException {
        MessageDigest digest = sha256();
        NpyArray[] samples = {features(parts.train()), labels(parts.train()), features(parts.test()), labels(parts.test())};
        String[] names = {DataPartition.TRAIN_FEATURES, DataPartition.TRAIN_LABELS, DataPartition.TEST_FEATURES,
                DataPartition.TEST_LABELS};
        for (int i = 0; i < samples.length; i++) {
            NpyWriter.write(folder.resolve(names[i]), samples[i]);
            digest.update(samples[i].data());
        }
        long[] sampleShape = sampleShape(parts.train().shape());
        NpyWriter.write(folder.resolve(DataPartition.OFFSET), NpyArray.ofFloats(scaling.offset(), sampleShape));
        NpyWriter.write(folder.resolve(DataPartition.SCALE), NpyArray.ofFloats(scaling.scale(), sampleShape));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static NpyArray features(LabelledSamples part) {
        long[] sample = sampleShape(part.shape());
        long[] shape = new long[sample.length + 1];
        shape[0] = part.count();
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return NpyArray.ofBytes(part.features(), shape);
    }

    private static NpyArray labels(LabelledSamples part) {
        return NpyArray.ofUnsignedBytesAsInt64(part.labels());
    }

    /** C x H x W for an image, as the dataset publishes its channels; F for a feature vector. */
    public static long[] sampleShape(Shape shape) {
        return shape.isImage() ? new long[] {shape.channels(), shape.height(), shape.width()}
                : new long[] {shape.size()};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
