package io.benchfleet.protocol.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The trainer's stdout line format: one {@link TrainerEvent} as a single-line JSON object, every field present
 * and none null, of at most {@link #MAX_BYTES} bytes.
 */
public final class EventLine {

    /** The longest line a trainer may print, in UTF-8 bytes without its line end; a longer one ends the attempt. */
    public static final int MAX_BYTES = 1 << 20;

    /** How much of a refused line or message an error quotes. */
    private static final int QUOTED_CHARS = 120;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
        TrainerEvent event;
        try {
            event = JSON.readValue(line, TrainerEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventLineException(line, e.getOriginalMessage());
        }
        // Jackson reads the JSON literal null as no object at all rather than failing.
        if (event == null) {
            throw new MalformedEventLineException(line, "null is no event");
        }
        return event;
    }

    /** The text in single quotes, cut after its first characters: for error messages that quote what a trainer said. */
    public static String quoted(String text) {
        return text.length() <= QUOTED_CHARS ? "'" + text + "'" : "'" + text.substring(0, QUOTED_CHARS) + "...'";
    }

    public static final class MalformedEventLineException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedEventLineException(String line, String problem) {
            super("not a trainer event line (expected one JSON object with \"event\": started|epoch|finished|failed): "
                    + quoted(line) + " (" + problem + ")");
        }
    }
}
