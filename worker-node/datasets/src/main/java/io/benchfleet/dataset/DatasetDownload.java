package io.benchfleet.dataset;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The last step of the lookup order: fetch a dataset that is not on disk from its canonical URLs into
 * the data dir, check every file's SHA-256 against the catalog, and unpack archives. An archive the
 * user put there by hand is checked and unpacked the same way, without a download.
 */
public final class DatasetDownload {

    private static final String LOCK_FILE = ".download.lock";
    private static final String TAR_GZ = ".tar.gz";
    private static final String PART = ".part";

    private final DatasetLocator locator;
    private final Downloader downloader;
    private final DownloadProgress progress;

    public DatasetDownload(DatasetLocator locator, Downloader downloader, DownloadProgress progress) {
        this.locator = locator;
        this.downloader = downloader;
        this.progress = progress;
    }

    /** The dataset's directory: found on disk, or else downloaded into the data dir. */
    public Path find(DatasetInfo dataset) {
        return locator.locate(dataset).orElseGet(() -> fetch(dataset));
    }

    private Path fetch(DatasetInfo dataset) {
        Path dir = locator.downloadDirectory(dataset);
        try {
            Files.createDirectories(dir);
            // Trainers on one machine may look for the same dataset at once: one downloads, the others wait.
            try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (!DatasetLocator.isComplete(dir, dataset)) {
                    for (URI url : dataset.downloads()) {
                        fetchFile(dataset, url, dir);
                    }
                }
            }
        } catch (IOException e) {
            // Some network errors carry no message (a refused connection): their class name says what happened.
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new DatasetUnavailableException(locator.missingMessage(dataset) + "; downloading failed: " + why);
        }
        if (!DatasetLocator.isComplete(dir, dataset)) {
            throw new DatasetUnavailableException(locator.missingMessage(dataset)
                    + "; the downloaded files did not contain them all");
        }
        return dir;
    }

    private void fetchFile(DatasetInfo dataset, URI url, Path dir) throws IOException {
        String name = DatasetInfo.fileNameOf(url);
        Path file = dir.resolve(name);
        List<String> expected = dataset.checksumsOf(name);
        if (!Files.isRegularFile(file) || !expected.contains(sha256(file))) {
            Path part = dir.resolve(name + PART);
            downloader.download(url, part, progress);
            String actual = sha256(part);
            if (!expected.contains(actual)) {
                Files.delete(part);
                throw new IOException(name + " from " + url + " has SHA-256 " + actual + ", expected " + String.join(" or ", expected));
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (name.endsWith(TAR_GZ)) {
            unpack(file, dir, dataset.layout().files());
        }
    }

    /** Takes the dataset's files out of the archive, wherever its folders put them. */
    private static void unpack(Path archive, Path dir, List<String> wanted) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && wanted.contains(name)) {
                    Path part = dir.resolve(name + PART);
                    Files.copy(tar, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }

    /** The file's SHA-256 as lower-case hex, as the catalog writes it. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
