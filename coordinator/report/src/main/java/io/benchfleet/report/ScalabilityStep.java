package io.benchfleet.report;

import java.util.Optional;

/**
 * S2's scalability table row: going from a smaller architecture to a larger one on the same dataset,
 * device and split, how many times the parameters, the mean train time and the mean peak RSS grow.
 */
public record ScalabilityStep(
        String dataset, String device, String split, String from, String to,
        Optional<Double> paramsMultiplier, Optional<Double> timeMultiplier, Optional<Double> memoryMultiplier) {
}
