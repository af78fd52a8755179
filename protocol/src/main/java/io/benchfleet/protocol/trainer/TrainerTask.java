package io.benchfleet.protocol.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.sweep.TaskSpec;

/**
 * What a worker node hands its trainer process (docs/trainer-protocol.md): the protocol version it speaks,
 * the attempt to carry out, the network its architecture name stands for, the task's data, and how many
 * threads the slot gives it. It travels as the trainer's one argument, as JSON.
 */
public record TrainerTask(int protocolVersion, String attemptId, TaskSpec task, Architecture architecture,
                          DataPartition partition, int threads) {

    /**
     * The trainer protocol's version: the {@code protocolVersion} of every task and of every trainer's
     * {@code started} line. A change a trainer of the previous version would misread raises it.
     */
    public static final int PROTOCOL_VERSION = 1;

    /** Flatten and BatchNorm have no fields; they still travel, as their type name. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /** A task of this protocol version. */
    public TrainerTask(String attemptId, TaskSpec task, Architecture architecture, DataPartition partition,
                       int threads) {
        this(PROTOCOL_VERSION, attemptId, task, architecture, partition, threads);
    }

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
