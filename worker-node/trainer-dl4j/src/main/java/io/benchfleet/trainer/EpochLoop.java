package io.benchfleet.trainer;

import io.benchfleet.protocol.trainer.TrainerEvent;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Trains for the task's epochs and evaluates on the test part after each. Only the minibatch
 * updates are timed; evaluation and data shuffling are not, as in the studies.
 */
final class EpochLoop {

    private static final Logger log = LoggerFactory.getLogger(EpochLoop.class);
    /**
     * The training batch size's order: evaluating 20,000 Fashion-MNIST images with cnn-medium on one thread took
     * about 16 s in batches of 1,000 and about 3 s in batches of 128 (same losses and accuracies).
     */
    private static final int EVALUATION_BATCH = 128;
    /** Train accuracy is measured on this many training samples at most: a full pass would cost a third of an epoch. */
    private static final int TRAIN_ACCURACY_SAMPLES = 10_000;
    private static final float LOG_EPSILON = 1e-7f;

    private final MultiLayerNetwork network;
    private final TrainingData train;
    private final Supplier<TrainingData> testSource;
    private TrainingData test;
    private final int batchSize;
    private final Random shuffling;
    private final ResourceReadings resources;

    /**
     * @param test made when the first evaluation needs it, not before: scaling 10,000 test images took 0.13 s of a
     *             trainer's start, on the way to its first minibatch
     */
    EpochLoop(MultiLayerNetwork network, TrainingData train, Supplier<TrainingData> test, int batchSize, long seed,
              ResourceReadings resources) {
        this.network = network;
        this.train = train;
        this.testSource = test;
        this.batchSize = batchSize;
        this.shuffling = new Random(seed);
        this.resources = resources;
    }

    record Outcome(double trainSeconds, Evaluated lastEvaluation) {
    }

    record Evaluated(double loss, double accuracy) {
    }

    Outcome run(int epochs, Consumer<TrainerEvent.Epoch> onEpoch) {
        double trainSeconds = 0;
        Evaluated evaluated = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = permutation(train.count());
            long start = System.nanoTime();
            double trainLoss = trainOneEpoch(epoch, order);
            double seconds = (System.nanoTime() - start) / 1e9;
            trainSeconds += seconds;
            double trainAccuracy = evaluate(train, TRAIN_ACCURACY_SAMPLES).accuracy();
            evaluated = evaluate(test(), test().count());
            onEpoch.accept(new TrainerEvent.Epoch(epoch, seconds, train.count() / seconds, trainLoss, trainAccuracy,
                    evaluated.loss(), evaluated.accuracy(), resources.heapBytes(), resources.rssBytes(),
                    resources.offHeapBytes(), resources.gpuMemBytes()));
        }
        return new Outcome(trainSeconds, evaluated);
    }

    private TrainingData test() {
        if (test == null) {
            test = testSource.get();
        }
        return test;
    }

    /** @return the mean minibatch loss, weighted by minibatch size, as Keras reports it */
    private double trainOneEpoch(int epoch, int[] order) {
        double lossSum = 0;
        int batches = (order.length + batchSize - 1) / batchSize;
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
            network.fit(new DataSet(Nd4j.pullRows(train.features(), 1, rows), Nd4j.pullRows(train.labels(), 1, rows)));
            double loss = network.score();
            if (Double.isNaN(loss) || Double.isInfinite(loss)) {
                throw new DivergedException(epoch, b + 1, loss);
            }
            lossSum += loss * rows.length;
            if (epoch == 1 && b == 0) {
                log.info("first minibatch done {} s after JVM start", ResourceReadings.jvmUptimeSeconds());
            }
        }
        return lossSum / order.length;
    }

    /**
     * Accuracy and mean categorical cross-entropy of the network's softmax output on the first
     * {@code limit} samples of a part (the training part's order is already random).
     */
    private Evaluated evaluate(TrainingData part, int limit) {
        Evaluation evaluation = new Evaluation((int) part.labels().columns());
        int count = Math.min(limit, part.count());
        double lossSum = 0;
        for (int from = 0; from < count; from += EVALUATION_BATCH) {
            int to = Math.min(count, from + EVALUATION_BATCH);
            INDArray features = part.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray labels = part.labels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray output = network.output(features, false);
            evaluation.eval(labels, output);
            lossSum -= labels.mul(Transforms.log(output.add(LOG_EPSILON), false)).sumNumber().doubleValue();
        }
        return new Evaluated(lossSum / count, evaluation.accuracy());
    }

    private int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = shuffling.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
