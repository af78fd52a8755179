package io.benchfleet.protocol.sweep;

import java.time.Duration;
import java.util.List;

/**
 * A validated sweep file: the axes that expand into tasks, plus the settings every task shares.
 *
 * @param dataDir         where trainers look for datasets first (relative to the worker's directory)
 * @param metricsInterval how often the metrics agent samples a trainer
 */
public record Sweep(
        String name,
        List<String> datasets,
        List<String> architectures,
        List<Device> devices,
        String split,
        int repetitions,
        TrainingSettings training,
        long seed,
        String dataDir,
        Duration metricsInterval) {

    public Sweep {
        datasets = List.copyOf(datasets);
        architectures = List.copyOf(architectures);
        devices = List.copyOf(devices);
    }

    /** One task per combination of dataset, architecture, device and repetition, in that order. */
    public List<TaskSpec> tasks() {
        var tasks = new java.util.ArrayList<TaskSpec>();
        for (String dataset : datasets) {
            for (String architecture : architectures) {
                for (Device device : devices) {
                    for (int repetition = 1; repetition <= repetitions; repetition++) {
                        tasks.add(new TaskSpec(dataset, architecture, device, split, 0, repetition,
                                seedOf(repetition), training));
                    }
                }
            }
        }
        return List.copyOf(tasks);
    }

    /** Repetitions differ in seed, so their spread shows the run-to-run variance of training itself. */
    private long seedOf(int repetition) {
        return seed + repetition - 1;
    }
}
