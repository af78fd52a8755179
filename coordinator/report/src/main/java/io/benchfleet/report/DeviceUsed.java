package io.benchfleet.report;

import java.util.Optional;

/**
 * The hardware an attempt trained on, as the coordinator named it when the attempt started: the GPU of a
 * {@code gpu:N} slot with its driver and CUDA versions, or the CPU of a cpu slot's machine.
 *
 * @param gpuMemoryPeakBytes the most memory its GPU held in the attempt's samples (the whole GPU's: one
 *                           attempt per GPU); empty where the samples carry no GPU readings, as a cpu slot's
 */
public record DeviceUsed(Optional<String> name, Optional<String> driverVersion, Optional<String> cudaVersion,
                         Optional<Long> gpuMemoryPeakBytes) {

    public static final DeviceUsed UNKNOWN = new DeviceUsed(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
}
