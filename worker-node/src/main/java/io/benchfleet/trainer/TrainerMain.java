package io.benchfleet.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.benchfleet.protocol.event.TrainerEvent;

/**
 * The trainer process a worker node forks for each attempt (DESIGN.md decision 3). Its only
 * argument is the {@link TrainerTask} as JSON; its stdout carries event lines and nothing else.
 */
public final class TrainerMain {

    /** Flatten and BatchNorm have no fields; they still travel, as their type name. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private TrainerMain() {
    }

    public static void main(String[] args) {
        EventStream events = EventStream.takeOverStdout();
        if (args.length != 1) {
            events.emit(new TrainerEvent.Failed(TrainerEvent.FailureKind.BAD_INPUT,
                    "trainer expects one argument, the attempt as JSON; got " + args.length));
            System.exit(Trainer.FAILED);
        }
        TrainerTask task;
        try {
            task = JSON.readValue(args[0], TrainerTask.class);
        } catch (JsonProcessingException e) {
            events.emit(new TrainerEvent.Failed(TrainerEvent.FailureKind.BAD_INPUT,
                    "trainer argument is not an attempt as JSON: " + e.getOriginalMessage()));
            System.exit(Trainer.FAILED);
            return;
        }
        // Exit explicitly: ND4J leaves non-daemon threads behind.
        System.exit(new Trainer(events).run(task));
    }

    /** The argument {@link #main} expects. */
    public static String encode(TrainerTask task) {
        return json(task);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }
}
