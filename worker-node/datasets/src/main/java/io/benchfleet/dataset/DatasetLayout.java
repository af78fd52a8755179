package io.benchfleet.dataset;

import java.util.ArrayList;
import java.util.List;

/** The published files of a dataset and how its standard train/test split maps onto them. */
public sealed interface DatasetLayout {

    /** Every file a directory must hold (each plain or gzipped) for the dataset to count as found. */
    List<String> files();

    /** MNIST-style IDX files: one images and one labels file per part. */
    record Idx(String trainImages, String trainLabels, String testImages, String testLabels) implements DatasetLayout {
        @Override
        public List<String> files() {
            return List.of(trainImages, trainLabels, testImages, testLabels);
        }
    }

    /**
     * The CIFAR "binary version": records of {@code labelBytes} label bytes then 3x32x32 pixel bytes
     * (all red, then green, then blue, each row-major); {@code labelIndex} picks the label byte used
     * (CIFAR-100 stores the coarse label first, then the fine one).
     */
    record CifarBinary(List<String> trainFiles, List<String> testFiles, int labelBytes, int labelIndex)
            implements DatasetLayout {
        public static final int IMAGE_BYTES = 3 * 32 * 32;

        public CifarBinary {
            trainFiles = List.copyOf(trainFiles);
            testFiles = List.copyOf(testFiles);
        }

        public int recordBytes() {
            return labelBytes + IMAGE_BYTES;
        }

        @Override
        public List<String> files() {
            var all = new ArrayList<>(trainFiles);
            all.addAll(testFiles);
            return List.copyOf(all);
        }
    }

    /**
     * UCI's {@code letter-recognition.data}: one CSV row per sample, the letter first, then 16 integer
     * features in 0..15. One file; the standard split is by row number, as the UCI description says.
     */
    record LetterCsv(String file, int standardTrainRows) implements DatasetLayout {
        public static final int FEATURES = 16;
        public static final int MAX_FEATURE = 15;

        @Override
        public List<String> files() {
            return List.of(file);
        }
    }
}
