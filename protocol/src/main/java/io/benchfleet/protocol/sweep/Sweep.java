package io.benchfleet.protocol.sweep;

import io.benchfleet.protocol.architecture.Architecture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated sweep file: the axes that expand into tasks, plus the settings every task shares. */
public record Sweep(String name, Axes axes, Settings settings) {

    /**
     * What varies from task to task.
     *
     * @param split          how every task divides its dataset; k-fold expands into one task per fold
     * @param trainFractions the train-fraction axis: each task trains on this stratified share of its
     *                       training part (S3 measures time and memory against training-set size)
     * @param datasetsOf     architecture name to the only datasets it trains on; an architecture not in it trains on
     *                       every dataset (S1 and S4 pair each model with its own dataset)
     * @param frameworks     the libraries each task trains with, once per framework ({@link Framework})
     * @param hyperparameters the training block's lists: each combination of their values trains every
     *                        architecture once more
     */
    public record Axes(List<String> datasets, List<Architecture> architectures, List<Device> devices, Split split,
                       List<Double> trainFractions, int repetitions, Map<String, List<String>> datasetsOf,
                       List<String> frameworks, HyperparameterAxes hyperparameters) {

        public Axes {
            datasets = List.copyOf(datasets);
            architectures = List.copyOf(architectures);
            devices = List.copyOf(devices);
            trainFractions = List.copyOf(trainFractions);
            datasetsOf = Map.copyOf(datasetsOf);
            frameworks = List.copyOf(frameworks);
        }

        /** Without hyperparameter axes. */
        public Axes(List<String> datasets, List<Architecture> architectures, List<Device> devices, Split split,
                    List<Double> trainFractions, int repetitions, Map<String, List<String>> datasetsOf,
                    List<String> frameworks) {
            this(datasets, architectures, devices, split, trainFractions, repetitions, datasetsOf, frameworks,
                    HyperparameterAxes.NONE);
        }

        /** DL4J alone, each architecture on the datasets {@code datasetsOf} gives it. */
        public Axes(List<String> datasets, List<Architecture> architectures, List<Device> devices, Split split,
                    List<Double> trainFractions, int repetitions, Map<String, List<String>> datasetsOf) {
            this(datasets, architectures, devices, split, trainFractions, repetitions, datasetsOf,
                    List.of(Framework.DL4J));
        }

        /** A full cross product with DL4J alone: every architecture on every dataset. */
        public Axes(List<String> datasets, List<Architecture> architectures, List<Device> devices, Split split,
                    List<Double> trainFractions, int repetitions) {
            this(datasets, architectures, devices, split, trainFractions, repetitions, Map.of());
        }

        public boolean trainsOn(Architecture architecture, String dataset) {
            return datasetsOf.getOrDefault(architecture.name(), datasets).contains(dataset);
        }
    }

    /**
     * What every task of the sweep shares.
     *
     * @param dataDir         where trainers look for datasets first (relative to the worker's directory)
     * @param metricsInterval how often the metrics agent samples a trainer
     */
    public record Settings(TrainingOverrides training, long seed, String dataDir, Duration metricsInterval) {
    }

    /**
     * One task per combination of dataset, architecture, training (the hyperparameter axes), device, repetition,
     * framework, fold and train fraction, in that order: the folds of a repetition are separate tasks, so they run
     * in parallel, and the frameworks of a repetition follow each other, so they are measured under the same
     * conditions.
     */
    public List<TaskSpec> tasks() {
        var tasks = new ArrayList<TaskSpec>();
        for (String dataset : datasets()) {
            for (Architecture architecture : architectures()) {
                if (!axes.trainsOn(architecture, dataset)) {
                    continue;
                }
                for (TrainingOverrides training : trainings()) {
                    addTasks(tasks, dataset, architecture, training.resolve(architecture));
                }
            }
        }
        return List.copyOf(tasks);
    }

    private void addTasks(List<TaskSpec> tasks, String dataset, Architecture architecture, TrainingSettings training) {
        for (Device device : devices()) {
            for (int repetition = 1; repetition <= repetitions(); repetition++) {
                for (String framework : frameworks()) {
                    for (int fold : split().folds()) {
                        for (double fraction : trainFractions()) {
                            tasks.add(new TaskSpec(dataset, architecture.name(), device, split().label(), fold,
                                    repetition, seedOf(repetition), training, fraction, framework));
                        }
                    }
                }
            }
        }
    }

    /** The definition a task's architecture name stands for: from the zoo or written in the sweep file. */
    public Optional<Architecture> architecture(String name) {
        return architectures().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public List<String> datasets() {
        return axes.datasets();
    }

    public List<Architecture> architectures() {
        return axes.architectures();
    }

    public List<Device> devices() {
        return axes.devices();
    }

    public List<String> frameworks() {
        return axes.frameworks();
    }

    public Split split() {
        return axes.split();
    }

    public List<Double> trainFractions() {
        return axes.trainFractions();
    }

    public int repetitions() {
        return axes.repetitions();
    }

    /** The block's scalars, before the hyperparameter axes put their values in. */
    public TrainingOverrides training() {
        return settings.training();
    }

    /** One per combination of the hyperparameter axes; the block's scalars alone where it has none. */
    public List<TrainingOverrides> trainings() {
        return axes.hyperparameters().combinations(settings.training());
    }

    public long seed() {
        return settings.seed();
    }

    public String dataDir() {
        return settings.dataDir();
    }

    public Duration metricsInterval() {
        return settings.metricsInterval();
    }

    /** Repetitions differ in seed, so their spread shows the run-to-run variance of training itself. */
    private long seedOf(int repetition) {
        return seed() + repetition - 1;
    }
}
