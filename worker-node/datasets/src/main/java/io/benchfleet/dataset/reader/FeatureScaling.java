package io.benchfleet.dataset.reader;

import io.benchfleet.dataset.Normalisation;

import java.util.Arrays;

/**
 * Turns a raw feature byte into the network's input, {@code (raw - offset) * scale} per feature, with
 * the offsets and scales fitted on the task's training part only: the test part or fold is scaled with
 * the training part's statistics, so nothing about it leaks into training.
 */
public record FeatureScaling(float[] offset, float[] scale) {

    private static final float PIXEL_MAX = 255f;

    public static FeatureScaling fit(Normalisation normalisation, LabelledSamples train) {
        return switch (normalisation) {
            case UNIT_RANGE -> unitRange(train.shape().size());
            case STANDARDISE -> standardise(train);
            case NONE -> none(train.shape().size());
        };
    }

    public float apply(int feature, int raw) {
        return (raw - offset[feature]) * scale[feature];
    }

    private static FeatureScaling none(int size) {
        float[] scale = new float[size];
        Arrays.fill(scale, 1f);
        return new FeatureScaling(new float[size], scale);
    }

    private static FeatureScaling unitRange(int size) {
        float[] scale = new float[size];
        Arrays.fill(scale, 1 / PIXEL_MAX);
        return new FeatureScaling(new float[size], scale);
    }

    /** Per-feature mean and population standard deviation; a constant feature maps to 0. */
    private static FeatureScaling standardise(LabelledSamples train) {
        int size = train.shape().size();
        double[] sum = new double[size];
        double[] sumOfSquares = new double[size];
        byte[] features = train.features();
        for (int i = 0; i < features.length; i++) {
            int value = features[i] & 0xff;
            sum[i % size] += value;
            sumOfSquares[i % size] += (double) value * value;
        }
        float[] offset = new float[size];
        float[] scale = new float[size];
        for (int f = 0; f < size; f++) {
            double mean = sum[f] / train.count();
            double std = Math.sqrt(Math.max(0, sumOfSquares[f] / train.count() - mean * mean));
            offset[f] = (float) mean;
            scale[f] = std > 0 ? (float) (1 / std) : 1f;
        }
        return new FeatureScaling(offset, scale);
    }
}
