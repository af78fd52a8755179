package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Shape;

/** Small labelled parts for tests: one feature byte per sample holding its index, so picks are traceable. */
final class Samples {

    private Samples() {
    }

    /** {@code perClass[c]} samples of class c, classes interleaved in file order. */
    static LabelledSamples withClassCounts(int... perClass) {
        int total = java.util.Arrays.stream(perClass).sum();
        byte[] labels = new byte[total];
        byte[] features = new byte[total];
        int[] left = perClass.clone();
        int i = 0;
        while (i < total) {
            for (int c = 0; c < perClass.length && i < total; c++) {
                if (left[c] > 0) {
                    left[c]--;
                    labels[i] = (byte) c;
                    features[i] = (byte) i;
                    i++;
                }
            }
        }
        return new LabelledSamples(features, labels, new Shape(1, 1, 1), perClass.length);
    }

    static int[] classCounts(LabelledSamples part, int[] indices) {
        int[] counts = new int[part.classes()];
        for (int index : indices) {
            counts[part.label(index)]++;
        }
        return counts;
    }
}
