package io.benchfleet.dataset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetCatalogTest {

    @Test
    void holdsEveryDatasetOfTheStudies() {
        assertThat(DatasetCatalog.names())
                .containsExactly("mnist", "fashion-mnist", "cifar10", "cifar100", "cifar100-coarse", "letter");
    }

    /** A download is only trusted after its SHA-256 check, so none may lack a checksum. */
    @Test
    void everyDownloadHasAChecksum() {
        assertThat(DatasetCatalog.all()).allSatisfy(dataset -> assertThat(dataset.downloads())
                .isNotEmpty()
                .allSatisfy(url -> assertThat(dataset.checksumsOf(DatasetInfo.fileNameOf(url)))
                        .isNotEmpty()
                        .allMatch(sha -> sha.matches("[0-9a-f]{64}"))));
    }

    @Test
    void cifar100CoarseReadsTheSameFilesWithTheTwentySuperclasses() {
        DatasetInfo fine = DatasetCatalog.byName("cifar100").orElseThrow();
        DatasetInfo coarse = DatasetCatalog.byName("cifar100-coarse").orElseThrow();

        assertThat(coarse.directory()).isEqualTo(fine.directory());
        assertThat(coarse.classes()).isEqualTo(20);
        assertThat(fine.classes()).isEqualTo(100);
    }
}
