package io.benchfleet.protocol.dataset;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.dataset.DatasetInfo.DatasetFiles;

import java.util.List;
import java.util.Optional;

/** The datasets a sweep may name, with where each is found on disk. */
public final class DatasetCatalog {

    private static final DatasetFiles IDX_TRAIN =
            new DatasetFiles("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    private static final DatasetFiles IDX_TEST =
            new DatasetFiles("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    private static final Shape GREY_28 = new Shape(1, 28, 28);

    private static final List<DatasetInfo> ALL = List.of(
            new DatasetInfo("mnist", GREY_28, 10, IDX_TRAIN, IDX_TEST,
                    List.of("/usr/share/datasets/mnist")),
            // Debian's dataset-fashion-mnist package installs here.
            new DatasetInfo("fashion-mnist", GREY_28, 10, IDX_TRAIN, IDX_TEST,
                    List.of("/usr/share/datasets/fashion-mnist")));

    private DatasetCatalog() {
    }

    public static List<DatasetInfo> all() {
        return ALL;
    }

    public static Optional<DatasetInfo> byName(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(DatasetInfo::name).toList();
    }
}
