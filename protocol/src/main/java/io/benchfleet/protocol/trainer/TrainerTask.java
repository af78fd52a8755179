package io.benchfleet.protocol.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.sweep.TaskSpec;

/**
 * What a worker node hands its trainer process: the attempt to carry out, the network its
 * architecture name stands for, where the data is, and how many cores the slot was given (the
 * trainer's OpenMP and BLAS threads). It travels as the trainer's one argument, as JSON.
 */
public record TrainerTask(String attemptId, TaskSpec task, Architecture architecture, String dataDir, int threads) {

    /** Flatten and BatchNorm have no fields; they still travel, as their type name. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** The trainer's argument. */
    public String encode() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + this, e);
        }
    }

    /** @throws IllegalArgumentException naming what in the argument is not a task */
    public static TrainerTask decode(String argument) {
        try {
            return JSON.readValue(argument, TrainerTask.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trainer argument is not an attempt as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
