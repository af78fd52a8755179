package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetStreams;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.benchfleet.dataset.DatasetLayout.LetterCsv.FEATURES;
import static io.benchfleet.dataset.DatasetLayout.LetterCsv.MAX_FEATURE;

/**
 * Reads UCI's {@code letter-recognition.data}: rows of a capital letter (the class, A = 0) and 16
 * integer features in 0..15, comma-separated, no header. The features fit a byte each.
 */
public final class LetterReader {

    private static final int FIELDS = 1 + FEATURES;
    private static final int CLASSES = 26;

    private LetterReader() {
    }

    public static LabelledSamples read(Path file) {
        var features = new ByteArrayOutputStream();
        var labels = new ByteArrayOutputStream();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(DatasetStreams.openDecompressed(file), StandardCharsets.US_ASCII))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    readRow(file, lineNumber, line, features, labels);
                }
            }
        } catch (IOException e) {
            throw ReadFailure.of(file, e);
        }
        if (labels.size() == 0) {
            throw new DataFileException(file, "no rows: expected one letter and " + FEATURES + " integers per line");
        }
        return new LabelledSamples(features.toByteArray(), labels.toByteArray(), Shape.flat(FEATURES), CLASSES);
    }

    private static void readRow(Path file, int lineNumber, String line, ByteArrayOutputStream features,
                                ByteArrayOutputStream labels) {
        String[] fields = line.strip().split(",", -1);
        if (fields.length != FIELDS) {
            throw new DataFileException(file, "line " + lineNumber + ": " + fields.length + " fields, expected " + FIELDS
                    + " (a letter and " + FEATURES + " integers)");
        }
        String letter = fields[0].strip();
        if (letter.length() != 1 || letter.charAt(0) < 'A' || letter.charAt(0) > 'Z') {
            throw new DataFileException(file, "line " + lineNumber + ": label '" + letter + "' is not a capital letter A-Z");
        }
        labels.write(letter.charAt(0) - 'A');
        for (int f = 1; f < FIELDS; f++) {
            features.write(feature(file, lineNumber, f, fields[f].strip()));
        }
    }

    private static int feature(Path file, int lineNumber, int field, String text) {
        if (text.matches("[0-9]{1,2}") && Integer.parseInt(text) <= MAX_FEATURE) {
            return Integer.parseInt(text);
        }
        throw new DataFileException(file, "line " + lineNumber + ", field " + (field + 1) + ": '" + text
                + "' is not an integer 0.." + MAX_FEATURE);
    }
}
