package io.benchfleet.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.util.Optional;

/**
 * The trainer protocol version of a task, looked at before the task is read: a task of another version may have
 * fields this trainer does not know, and "unknown field" would hide that the worker node and trainer do not match.
 */
final class TaskProtocolCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskProtocolCheck() {
    }

    /** Why this trainer cannot carry out the task in {@code argument}; empty when it speaks its version (or it is no JSON). */
    static Optional<String> problem(String argument) {
        JsonNode task;
        try {
            task = JSON.readTree(argument);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (task == null || !task.isObject()) {
            // TrainerTask.decode says what is wrong with it.
            return Optional.empty();
        }
        JsonNode version = task.path("protocolVersion");
        if (version.isInt() && version.intValue() == TrainerTask.PROTOCOL_VERSION) {
            return Optional.empty();
        }
        String given = version.isMissingNode() ? "the task names no protocolVersion"
                : "the task is of trainer protocol version " + version;
        return Optional.of(given + "; this trainer speaks version " + TrainerTask.PROTOCOL_VERSION);
    }
}
