package io.benchfleet.dataset;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetInfo.PublishedFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetDownloadTest {

    private static final URI ARCHIVE_URL = URI.create("https://example.invalid/data/toy-binary.tar.gz");
    private static final DatasetLayout.CifarBinary LAYOUT =
            new DatasetLayout.CifarBinary(List.of("train.bin"), List.of("test.bin"), 1, 0);

    @TempDir
    Path dataDir;
    @TempDir
    Path systemDir;

    private byte[] archive;
    private final List<URI> requested = new ArrayList<>();

    @BeforeEach
    void writeArchive() throws Exception {
        archive = tarGz("toy-batches-bin/train.bin", "toy-batches-bin/test.bin", "toy-batches-bin/readme.html");
    }

    private DatasetInfo toy(String sha256) {
        return new DatasetInfo("toy", "toy", LAYOUT, new Shape(3, 32, 32), 10, Normalisation.UNIT_RANGE,
                List.of(ARCHIVE_URL), List.of(new PublishedFile("toy-binary.tar.gz", sha256)));
    }

    private DatasetDownload download(byte[] served) {
        Downloader serving = (url, into, progress) -> {
            requested.add(url);
            Files.write(into, served);
        };
        return new DatasetDownload(new DatasetLocator(dataDir, systemDir), serving, DownloadProgress.NONE);
    }

    @Test
    void aDatasetOnDiskIsNotDownloaded() throws Exception {
        Path system = Files.createDirectories(systemDir.resolve("toy"));
        Files.write(system.resolve("train.bin"), new byte[0]);
        Files.write(system.resolve("test.bin.gz"), new byte[0]);

        assertThat(download(archive).find(toy(sha256(archive)))).isEqualTo(system);
        assertThat(requested).isEmpty();
    }

    @Test
    void aDownloadIsCheckedAndUnpackedIntoTheDataDir() throws Exception {
        Path dir = download(archive).find(toy(sha256(archive)));

        assertThat(dir).isEqualTo(dataDir.resolve("toy"));
        assertThat(dir.resolve("train.bin")).hasContent("toy-batches-bin/train.bin");
        assertThat(dir.resolve("test.bin")).exists();
        assertThat(dir.resolve("readme.html")).doesNotExist();
        assertThat(requested).containsExactly(ARCHIVE_URL);
    }

    @Test
    void anArchivePutThereByHandIsUnpackedWithoutADownload() throws Exception {
        Files.write(Files.createDirectories(dataDir.resolve("toy")).resolve("toy-binary.tar.gz"), archive);

        download(new byte[0]).find(toy(sha256(archive)));

        assertThat(dataDir.resolve("toy/train.bin")).exists();
        assertThat(requested).isEmpty();
    }

    @Test
    void aDownloadThatIsNotThePublishedFileIsRefusedAndRemoved() throws Exception {
        String expected = sha256(archive);
        byte[] tampered = tarGz("toy-batches-bin/train.bin");

        assertThatThrownBy(() -> download(tampered).find(toy(expected)))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("downloading failed: toy-binary.tar.gz from " + ARCHIVE_URL + " has SHA-256 "
                        + sha256(tampered) + ", expected " + expected);
        assertThat(dataDir.resolve("toy/toy-binary.tar.gz")).doesNotExist();
        assertThat(dataDir.resolve("toy/toy-binary.tar.gz.part")).doesNotExist();
    }

    @Test
    void withoutNetworkTheMessageSaysWhichFilesToPutWhere() {
        Downloader offline = (url, into, progress) -> {
            throw new IOException("connect timed out");
        };
        var download = new DatasetDownload(new DatasetLocator(dataDir, systemDir), offline, DownloadProgress.NONE);

        assertThatThrownBy(() -> download.find(toy("00")))
                .hasMessage("dataset 'toy' not found: put train.bin, test.bin (each may be gzipped), or toy-binary.tar.gz from "
                        + ARCHIVE_URL + ", into " + dataDir.resolve("toy") + " (also looked in " + systemDir.resolve("toy")
                        + "); downloading failed: connect timed out");
    }

    /** A tar.gz whose entries hold their own names as content. */
    private static byte[] tarGz(String... names) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (String name : names) {
                byte[] content = name.getBytes(StandardCharsets.UTF_8);
                var entry = new TarArchiveEntry(name);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
