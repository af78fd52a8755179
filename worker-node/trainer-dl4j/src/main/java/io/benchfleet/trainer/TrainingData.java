package io.benchfleet.trainer;

import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.dataset.reader.LabelledSamples;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * A part of a task's data as the network reads it: scaled features as floats, one row per sample,
 * and one-hot labels. The scaling was fitted on the training part (see {@link FeatureScaling}) and is
 * applied unchanged to the test part.
 * <p>
 * The features are scaled straight into the array's native memory: a float[] first, then copied, touched twice as
 * much fresh memory, and on this project's VMs first touching memory is most of the cost (10,000 Fashion-MNIST
 * images: 100 ms to scale into a Java array, 90 ms more to copy it into ND4J; ND4J's own casts from bytes were
 * slower still).
 */
record TrainingData(INDArray features, INDArray labels) {

    static TrainingData of(LabelledSamples part, FeatureScaling scaling) {
        int count = part.count();
        int size = part.shape().size();
        INDArray features = Nd4j.createUninitialized(DataType.FLOAT, count, size);
        FloatBuffer memory = features.data().asNioFloat();
        byte[] raw = part.features();
        for (int sample = 0, i = 0; sample < count; sample++) {
            for (int feature = 0; feature < size; feature++, i++) {
                memory.put(i, scaling.apply(feature, raw[i] & 0xff));
            }
        }
        float[] oneHot = new float[count * part.classes()];
        for (int i = 0; i < count; i++) {
            oneHot[i * part.classes() + part.label(i)] = 1f;
        }
        return new TrainingData(features, Nd4j.create(oneHot, new long[] {count, part.classes()}, 'c'));
    }

    int count() {
        return (int) features.rows();
    }
}
