package io.benchfleet.trainer;

import io.benchfleet.protocol.sweep.TaskSpec;

/**
 * What a worker node hands its trainer process: the attempt to carry out, where the data is, and
 * how many cores the slot was given (the trainer's OpenMP and BLAS threads).
 */
public record TrainerTask(String attemptId, TaskSpec task, String dataDir, int threads) {
}
