package io.benchfleet.dataset;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bin/coordinator datasets} says about a dataset found on disk: sample counts from the
 * files' headers and sizes (the full readers live in the trainer), and whether the files match a
 * published SHA-256.
 *
 * @param checksums one phrase: verified, a mismatch naming the file, or why nothing could be checked
 */
public record DatasetSurvey(Path directory, int trainSamples, int testSamples, String checksums) {

    public static DatasetSurvey of(DatasetInfo dataset, Path dir) throws IOException {
        int[] counts = counts(dataset.layout(), dir);
        return new DatasetSurvey(dir, counts[0], counts[1], checksums(dataset, dir));
    }

    private static int[] counts(DatasetLayout layout, Path dir) throws IOException {
        if (layout instanceof DatasetLayout.Idx idx) {
            return new int[] {idxCount(dir, idx.trainLabels()), idxCount(dir, idx.testLabels())};
        }
        if (layout instanceof DatasetLayout.CifarBinary cifar) {
            return new int[] {cifarCount(dir, cifar.trainFiles(), cifar), cifarCount(dir, cifar.testFiles(), cifar)};
        }
        var letter = (DatasetLayout.LetterCsv) layout;
        int rows = lineCount(existing(dir, letter.file()));
        int train = Math.min(rows, letter.standardTrainRows());
        return new int[] {train, rows - train};
    }

    /** The item count in an IDX header, the second big-endian int. */
    private static int idxCount(Path dir, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(DatasetStreams.openDecompressed(existing(dir, name)))) {
            in.readInt();
            return in.readInt();
        }
    }

    private static int cifarCount(Path dir, List<String> files, DatasetLayout.CifarBinary cifar) throws IOException {
        long bytes = 0;
        for (String name : files) {
            try (InputStream in = DatasetStreams.openDecompressed(existing(dir, name))) {
                bytes += in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return (int) (bytes / cifar.recordBytes());
    }

    private static int lineCount(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(DatasetStreams.openDecompressed(file), StandardCharsets.US_ASCII))) {
            return (int) reader.lines().filter(line -> !line.isBlank()).count();
        }
    }

    private static Path existing(Path dir, String name) {
        return DatasetLocator.file(dir, name).orElseThrow();
    }

    /** Checks the files as they lie on disk and any published archive beside them. */
    private static String checksums(DatasetInfo dataset, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : dataset.layout().files()) {
            files.add(existing(dir, name));
        }
        dataset.downloads().stream().map(DatasetInfo::fileNameOf).map(dir::resolve)
                .filter(Files::isRegularFile).filter(f -> !files.contains(f)).forEach(files::add);
        int verified = 0;
        List<String> unknown = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            List<String> expected = dataset.checksumsOf(name);
            if (expected.isEmpty()) {
                unknown.add(name);
            } else if (expected.contains(DatasetDownload.sha256(file))) {
                verified++;
            } else {
                return "MISMATCH: " + name + " is not the published file";
            }
        }
        if (unknown.isEmpty()) {
            return "verified (" + verified + " files)";
        }
        return (verified > 0 ? "verified " + verified + ", " : "") + "no published checksum for " + String.join(", ", unknown);
    }
}
