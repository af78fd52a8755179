package io.benchfleet.trainer;

import io.benchfleet.trainer.data.LabelledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A part of a dataset as the network reads it: features as floats in [0, 1], one row per sample,
 * and one-hot labels. Pixel intensities are divided by 255 as the studies' Keras code does; that
 * uses no statistics of the data, so nothing leaks from test to train.
 */
record TrainingData(INDArray features, INDArray labels) {

    static TrainingData of(LabelledImages part) {
        int count = part.count();
        int size = part.shape().size();
        float[] features = new float[count * size];
        byte[] pixels = part.pixels();
        for (int i = 0; i < features.length; i++) {
            features[i] = (pixels[i] & 0xff) / 255f;
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
