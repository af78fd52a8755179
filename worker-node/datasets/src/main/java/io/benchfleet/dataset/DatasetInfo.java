package io.benchfleet.dataset;

import io.benchfleet.protocol.architecture.Shape;

import java.net.URI;
import java.util.List;

/**
 * A dataset benchfleet can train on: its input shape, class count, published files, how its features
 * are normalised, and where and in which form it is published.
 *
 * @param directory the folder name looked up in the data dir and in {@code /usr/share/datasets}; two
 *                  datasets read from the same files share it (cifar100 and cifar100-coarse)
 * @param downloads the canonical URLs; each file's SHA-256 is in {@code checksums}, and a
 *                  {@code .tar.gz} is unpacked after its check
 * @param checksums every published form of a file whose SHA-256 is known, checked after a download
 *                  and reported by {@code bin/coordinator datasets}
 */
public record DatasetInfo(
        String name,
        String directory,
        DatasetLayout layout,
        Shape inputShape,
        int classes,
        Normalisation normalisation,
        List<URI> downloads,
        List<PublishedFile> checksums) {

    public DatasetInfo {
        downloads = List.copyOf(downloads);
        checksums = List.copyOf(checksums);
    }

    /** The SHA-256 of one published file; a file may have several genuine forms (a Debian repack). */
    public record PublishedFile(String name, String sha256) {
    }

    /** The SHA-256 values a file of this name may have; empty when none is known. */
    public List<String> checksumsOf(String fileName) {
        return checksums.stream().filter(p -> p.name().equals(fileName)).map(PublishedFile::sha256).toList();
    }

    /** The file name a download URL saves to. */
    public static String fileNameOf(URI url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
