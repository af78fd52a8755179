package io.benchfleet.trainer;

import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.dataset.reader.LabelledSamples;
import io.benchfleet.protocol.architecture.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The data as the network reads it: every pixel (an unsigned byte) scaled as Java would, labels one-hot. */
class TrainingDataTest {

    @Test
    void pixelsAreUnsignedAndScaledPerFeatureInFloatArithmetic() {
        byte[] pixels = {0, (byte) 127, (byte) 128, (byte) 255, 3, (byte) 200};
        var part = new LabelledSamples(pixels, new byte[] {2, 0}, Shape.flat(3), 3);
        var scaling = new FeatureScaling(new float[] {0f, 33.3f, 127.5f}, new float[] {1f / 255, 0.17f, 0.0123f});

        var data = TrainingData.of(part, scaling);

        assertThat(data.features().shape()).containsExactly(2, 3);
        for (int sample = 0; sample < 2; sample++) {
            for (int feature = 0; feature < 3; feature++) {
                int raw = pixels[sample * 3 + feature] & 0xff;
                assertThat(data.features().getFloat(sample, feature))
                        .isEqualTo((raw - scaling.offset()[feature]) * scaling.scale()[feature]);
            }
        }
    }

    @Test
    void labelsAreOneHotRows() {
        var part = new LabelledSamples(new byte[] {1, 2}, new byte[] {2, 0}, Shape.flat(1), 3);

        var data = TrainingData.of(part, new FeatureScaling(new float[] {0f}, new float[] {1f}));

        assertThat(data.labels().toFloatMatrix()).isEqualTo(new float[][] {{0, 0, 1}, {1, 0, 0}});
        assertThat(data.count()).isEqualTo(2);
    }
}
