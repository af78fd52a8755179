package io.benchfleet.dataset;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetInfo.PublishedFile;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The datasets a sweep may name, with their published files and checksums.
 *
 * <p>Where each SHA-256 comes from: MNIST, Fashion-MNIST and both CIFARs from tensorflow/datasets'
 * {@code url_checksums} files (mnist.txt, fashion_mnist.txt, cifar10.txt, cifar100.txt); letter from
 * JackDunnNZ/UCIData.jl's {@code letter-recognition.jl}, matched by several independent loaders; the
 * second Fashion-MNIST set computed from Debian's {@code dataset-fashion-mnist} 0.0~git20200523.55506a9-1,
 * which recompressed the upstream files without the name in the gzip header (each is that name's
 * length plus one byte shorter; the decompressed bytes are the same).
 */
public final class DatasetCatalog {

    private static final DatasetLayout.Idx IDX = new DatasetLayout.Idx(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    private static final Shape GREY_28 = new Shape(1, 28, 28);
    private static final Shape RGB_32 = new Shape(3, 32, 32);
    private static final List<String> CIFAR10_TRAIN =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** CIFAR-100 records hold the coarse label byte, then the fine one. */
    private static final int CIFAR100_COARSE = 0;
    private static final int CIFAR100_FINE = 1;
    /** "We typically train on the first 16000 items" (UCI's letter-recognition.names). */
    private static final int LETTER_TRAIN_ROWS = 16_000;

    private static final DatasetInfo MNIST = new DatasetInfo("mnist", "mnist", IDX, GREY_28, 10,
            Normalisation.UNIT_RANGE,
            idxUrls("https://storage.googleapis.com/cvdf-datasets/mnist/"),
            List.of(
                    new PublishedFile("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    new PublishedFile("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                    new PublishedFile("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    new PublishedFile("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")));

    private static final DatasetInfo FASHION_MNIST = new DatasetInfo("fashion-mnist", "fashion-mnist", IDX, GREY_28, 10,
            Normalisation.UNIT_RANGE,
            idxUrls("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            List.of(
                    new PublishedFile("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                    new PublishedFile("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
                    new PublishedFile("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
                    new PublishedFile("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
                    // Debian's dataset-fashion-mnist, installed in /usr/share/datasets/fashion-mnist.
                    new PublishedFile("train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                    new PublishedFile("train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                    new PublishedFile("t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                    new PublishedFile("t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")));

    private static final DatasetInfo CIFAR10 = new DatasetInfo("cifar10", "cifar10",
            new DatasetLayout.CifarBinary(CIFAR10_TRAIN, List.of("test_batch.bin"), 1, 0), RGB_32, 10,
            Normalisation.UNIT_RANGE,
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")),
            List.of(new PublishedFile("cifar-10-binary.tar.gz", "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd")));

    private static final List<URI> CIFAR100_URLS = List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"));
    private static final List<PublishedFile> CIFAR100_CHECKSUMS =
            List.of(new PublishedFile("cifar-100-binary.tar.gz", "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec"));

    private static final DatasetInfo CIFAR100 = new DatasetInfo("cifar100", "cifar100",
            new DatasetLayout.CifarBinary(List.of("train.bin"), List.of("test.bin"), 2, CIFAR100_FINE), RGB_32, 100,
            Normalisation.UNIT_RANGE, CIFAR100_URLS, CIFAR100_CHECKSUMS);

    /** The same files with the 20 superclass labels. */
    private static final DatasetInfo CIFAR100_COARSE_LABELS = new DatasetInfo("cifar100-coarse", "cifar100",
            new DatasetLayout.CifarBinary(List.of("train.bin"), List.of("test.bin"), 2, CIFAR100_COARSE), RGB_32, 20,
            Normalisation.UNIT_RANGE, CIFAR100_URLS, CIFAR100_CHECKSUMS);

    private static final DatasetInfo LETTER = new DatasetInfo("letter", "letter",
            new DatasetLayout.LetterCsv("letter-recognition.data", LETTER_TRAIN_ROWS),
            Shape.flat(DatasetLayout.LetterCsv.FEATURES), 26, Normalisation.STANDARDISE,
            List.of(URI.create("https://archive.ics.uci.edu/ml/machine-learning-databases/letter-recognition/letter-recognition.data")),
            List.of(new PublishedFile("letter-recognition.data", "2b89f3602cf768d3c8355267d2f13f2417809e101fc2b5ceee10db19a60de6e2")));

    private static final List<DatasetInfo> ALL =
            List.of(MNIST, FASHION_MNIST, CIFAR10, CIFAR100, CIFAR100_COARSE_LABELS, LETTER);

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

    private static List<URI> idxUrls(String base) {
        return IDX.files().stream().map(name -> URI.create(base + name + ".gz")).toList();
    }
}
