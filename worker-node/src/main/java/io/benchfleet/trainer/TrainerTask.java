package io.benchfleet.trainer;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.sweep.TaskSpec;

/**
 * What a worker node hands its trainer process: the attempt to carry out, the network its
 * architecture name stands for, where the data is, and how many cores the slot was given (the
 * trainer's OpenMP and BLAS threads).
 */
public record TrainerTask(String attemptId, TaskSpec task, Architecture architecture, String dataDir, int threads) {
}
