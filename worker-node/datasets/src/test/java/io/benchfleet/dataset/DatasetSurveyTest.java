package io.benchfleet.dataset;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetInfo.PublishedFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetSurveyTest {

    @TempDir
    Path dir;

    private void idxLabels(String name, int count) throws IOException {
        try (var out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".gz"))))) {
            out.writeInt(0x00000801);
            out.writeInt(count);
            out.write(new byte[count]);
        }
    }

    @Test
    void countsIdxSamplesFromTheHeadersAndChecksThePublishedFiles() throws IOException {
        idxLabels("train-labels-idx1-ubyte", 60);
        idxLabels("t10k-labels-idx1-ubyte", 10);
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[0]);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[0]);
        DatasetInfo mnist = DatasetCatalog.byName("mnist").orElseThrow();

        DatasetSurvey survey = DatasetSurvey.of(mnist, dir);

        assertThat(survey.trainSamples()).isEqualTo(60);
        assertThat(survey.testSamples()).isEqualTo(10);
        assertThat(survey.checksums()).isEqualTo("MISMATCH: train-labels-idx1-ubyte.gz is not the published file");
    }

    @Test
    void countsCifarRecordsAndLetterRowsAndSaysWhatItCouldNotCheck() throws IOException {
        Files.write(dir.resolve("train.bin"), new byte[3 * 3074]);
        Files.write(dir.resolve("test.bin"), new byte[3074]);
        DatasetInfo cifar100 = DatasetCatalog.byName("cifar100").orElseThrow();

        DatasetSurvey survey = DatasetSurvey.of(cifar100, dir);

        assertThat(survey.trainSamples()).isEqualTo(3);
        assertThat(survey.testSamples()).isEqualTo(1);
        assertThat(survey.checksums()).isEqualTo("no published checksum for train.bin, test.bin");
    }

    @Test
    void aFileMatchingItsPublishedChecksumIsVerified() throws IOException {
        Files.writeString(dir.resolve("rows.data"), "A,1\nB,2\nC,3\n");
        var rows = new DatasetInfo("rows", "rows", new DatasetLayout.LetterCsv("rows.data", 2), Shape.flat(1), 26,
                Normalisation.STANDARDISE, List.of(URI.create("https://example.invalid/rows.data")),
                List.of(new PublishedFile("rows.data", DatasetDownload.sha256(dir.resolve("rows.data")))));

        DatasetSurvey survey = DatasetSurvey.of(rows, dir);

        assertThat(survey.trainSamples()).isEqualTo(2);
        assertThat(survey.testSamples()).isEqualTo(1);
        assertThat(survey.checksums()).isEqualTo("verified (1 files)");
    }
}
