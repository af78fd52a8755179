package io.benchfleet.trainer;

import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.dataset.reader.LabelledSamples;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A part of a task's data as the network reads it: scaled features as floats, one row per sample,
 * and one-hot labels. The scaling was fitted on the training part (see {@link FeatureScaling}) and is
 * applied unchanged to the test part.
 */
record TrainingData(INDArray features, INDArray labels) {

    static TrainingData of(LabelledSamples part, FeatureScaling scaling) {
        int count = part.count();
        int size = part.shape().size();
        float[] features = new float[Math.multiplyExact(count, size)];
        byte[] raw = part.features();
        for (int i = 0; i < features.length; i++) {
            features[i] = scaling.apply(i % size, raw[i] & 0xff);
        }
        float[] oneHot = new float[count * part.classes()];
        for (int i = 0; i < count; i++) {
            oneHot[i * part.classes() + part.label(i)] = 1f;
        }
        return new TrainingData(
                Nd4j.create(features, new long[] {count, size}, 'c'),
                Nd4j.create(oneHot, new long[] {count, part.classes()}, 'c'));
    }

    int count() {
        return (int) features.rows();
    }
}
