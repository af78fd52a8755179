package io.benchfleet.dataset.partition;

import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.dataset.reader.LabelledSamples;
import io.benchfleet.protocol.trainer.DataPartition;

import java.io.IOException;
import java.util.Arrays;

/**
 * A data partition read back by a JVM trainer: its samples as the dataset published them, and the scaling to apply.
 * Every file is checked against what the {@link DataPartition} says of it, so a partition that was changed or cut
 * short is refused with the file's name rather than trained on.
 */
public record PartitionContents(LabelledSamples train, LabelledSamples test, FeatureScaling scaling) {

    /**
     * @throws DataFileException when a file is not what the partition says it is
     * @throws IOException       when a file cannot be read
     */
    public static PartitionContents read(DataPartition partition) throws IOException {
        LabelledSamples train = samples(partition, DataPartition.TRAIN_FEATURES, DataPartition.TRAIN_LABELS,
                partition.trainSamples());
        LabelledSamples test = samples(partition, DataPartition.TEST_FEATURES, DataPartition.TEST_LABELS,
                partition.testSamples());
        long[] sampleShape = PartitionWriter.sampleShape(partition.shape());
        float[] offset = floats(partition, DataPartition.OFFSET, sampleShape);
        float[] scale = floats(partition, DataPartition.SCALE, sampleShape);
        return new PartitionContents(train, test, new FeatureScaling(offset, scale));
    }

    private static LabelledSamples samples(DataPartition partition, String featuresFile, String labelsFile, int count)
            throws IOException {
        long[] sample = PartitionWriter.sampleShape(partition.shape());
        long[] shape = new long[sample.length + 1];
        shape[0] = count;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        NpyArray features = expect(partition, featuresFile, NpyType.UINT8, shape);
        NpyArray labels = expect(partition, labelsFile, NpyType.INT64, new long[] {count});
        return new LabelledSamples(features.data(), classIndices(partition, labelsFile, labels.int64s()),
                partition.shape(), partition.classes());
    }

    /** Class indices fit a byte: the largest class count is CIFAR-100's. */
    private static byte[] classIndices(DataPartition partition, String labelsFile, long[] labels) {
        byte[] indices = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= partition.classes() || labels[i] > 0xff) {
                throw new DataFileException(partition.file(labelsFile), "label " + labels[i] + " at index " + i
                        + " is not a class index 0.." + (partition.classes() - 1));
            }
            indices[i] = (byte) labels[i];
        }
        return indices;
    }

    private static float[] floats(DataPartition partition, String file, long[] shape) throws IOException {
        return expect(partition, file, NpyType.FLOAT32, shape).float32s();
    }

    private static NpyArray expect(DataPartition partition, String file, NpyType type, long[] shape) throws IOException {
        NpyArray array = NpyReader.read(partition.file(file));
        if (array.type() != type || !Arrays.equals(array.shape(), shape)) {
            throw new DataFileException(partition.file(file), "holds " + array.describe() + "; expected "
                    + NpyArray.describe(type, shape));
        }
        return array;
    }
}
