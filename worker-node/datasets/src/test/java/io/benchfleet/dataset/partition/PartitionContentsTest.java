package io.benchfleet.dataset.partition;

import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.trainer.DataPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A partition whose files do not match what it says of them is refused, naming the file. */
class PartitionContentsTest {

    @TempDir
    Path dir;

    /** Two training samples and one test sample of 2 features, 3 classes. */
    private DataPartition partition(byte[] trainLabels) throws IOException {
        NpyWriter.write(dir.resolve(DataPartition.TRAIN_FEATURES), NpyArray.ofBytes(new byte[] {1, 2, 3, 4}, 2, 2));
        NpyWriter.write(dir.resolve(DataPartition.TRAIN_LABELS), NpyArray.ofUnsignedBytesAsInt64(trainLabels));
        NpyWriter.write(dir.resolve(DataPartition.TEST_FEATURES), NpyArray.ofBytes(new byte[] {5, 6}, 1, 2));
        NpyWriter.write(dir.resolve(DataPartition.TEST_LABELS), NpyArray.ofUnsignedBytesAsInt64(new byte[] {2}));
        NpyWriter.write(dir.resolve(DataPartition.OFFSET), NpyArray.ofFloats(new float[] {1f, 2f}, 2));
        NpyWriter.write(dir.resolve(DataPartition.SCALE), NpyArray.ofFloats(new float[] {0.5f, 0.25f}, 2));
        return new DataPartition(dir.toString(), "ab", 2, 1, Shape.flat(2), 3);
    }

    @Test
    void readsSamplesLabelsAndScaling() throws IOException {
        PartitionContents contents = PartitionContents.read(partition(new byte[] {0, 2}));

        assertThat(contents.train().features()).containsExactly(1, 2, 3, 4);
        assertThat(contents.train().label(1)).isEqualTo(2);
        assertThat(contents.test().label(0)).isEqualTo(2);
        assertThat(contents.scaling().apply(1, 6)).isEqualTo(1f);
    }

    @Test
    void aLabelThatIsNoClassIsNamedWithItsIndex() throws IOException {
        DataPartition partition = partition(new byte[] {0, 3});

        assertThatThrownBy(() -> PartitionContents.read(partition)).isInstanceOf(DataFileException.class)
                .hasMessage(partition.file(DataPartition.TRAIN_LABELS) + ": label 3 at index 1 is not a class index 0..2");
    }

    @Test
    void aFileOfAnotherShapeThanThePartitionSaysIsRefused() throws IOException {
        DataPartition partition = partition(new byte[] {0, 1});
        DataPartition claimsMore = new DataPartition(partition.directory(), "ab", 3, 1, Shape.flat(2), 3);

        assertThatThrownBy(() -> PartitionContents.read(claimsMore))
                .hasMessage(partition.file(DataPartition.TRAIN_FEATURES) + ": holds <u1 (2, 2); expected <u1 (3, 2)");
    }

    @Test
    void aMissingFileIsAnIoError() throws IOException {
        DataPartition partition = partition(new byte[] {0, 1});
        Files.delete(partition.file(DataPartition.SCALE));

        assertThatThrownBy(() -> PartitionContents.read(partition)).isInstanceOf(NoSuchFileException.class);
    }
}
