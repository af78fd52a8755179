package io.benchfleet.metrics.energy;

import java.util.Optional;

/** A host-wide energy counter. Read it more often than its hardware counter wraps (minutes, for RAPL). */
public interface EnergyMeter {

    /** A host whose energy cannot be read. */
    EnergyMeter NONE = Optional::empty;

    /** Joules used since the meter was created; empty when the host does not say. */
    Optional<Double> joules();
}
