package io.benchfleet.report;

import java.util.Optional;

/**
 * S2's scalability table row: going from a smaller architecture to a larger one on the same dataset,
 * device, split, framework and train fraction, how many times the parameters, the mean train time and the mean
 * peak memory grow; the memory is the one that counts on the device ({@link DeviceMemory}): the GPU's on a gpu, the
 * trainer's RSS on a cpu.
 *
 * @param from the smaller architecture's group
 * @param to   the larger architecture's group, equal to {@code from} on every other axis
 */
public record ScalabilityStep(
        GroupKey from, GroupKey to,
        Optional<Double> paramsMultiplier, Optional<Double> timeMultiplier, Optional<Double> memoryMultiplier) {
}
