package io.benchfleet.protocol.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The trainer's stdout line format: one {@link TrainerEvent} as a single-line JSON object. */
public final class EventLine {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventLine() {
    }

    public static String encode(TrainerEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event, e);
        }
    }

    /** @throws MalformedEventLineException naming the line and what was expected */
    public static TrainerEvent decode(String line) {
        try {
            return JSON.readValue(line, TrainerEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventLineException(line, e.getOriginalMessage());
        }
    }

    public static final class MalformedEventLineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEventLineException(String line, String problem) {
            super("not a trainer event line (expected one JSON object with \"event\": started|epoch|finished|failed): "
                    + abbreviate(line) + " (" + problem + ")");
        }

        private static String abbreviate(String line) {
            return line.length() <= 120 ? "'" + line + "'" : "'" + line.substring(0, 120) + "...'";
        }
    }
}
