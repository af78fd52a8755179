package io.benchfleet.protocol.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trainer's stdout line format: one {@link TrainerEvent} as a single-line JSON object of at most
 * {@link #MAX_BYTES} bytes, every field present and none null except the few that only some trainers have
 * ({@link #OPTIONAL}), and no field the event does not define.
 */
public final class EventLine {

    /** The longest line a trainer may print, in UTF-8 bytes without its line end; a longer one ends the attempt. */
    public static final int MAX_BYTES = 1 << 20;

    /** How much of a refused line or message an error quotes. */
    private static final int QUOTED_CHARS = 120;

    /** The events by their {@code event} name. */
    private static final Map<String, Class<? extends TrainerEvent>> EVENTS = Map.of(
            "started", TrainerEvent.Started.class,
            "epoch", TrainerEvent.Epoch.class,
            "finished", TrainerEvent.Finished.class,
            "failed", TrainerEvent.Failed.class);

    /**
     * Fields a trainer may leave out, as {@code event.field}: what only a JVM (heap) or only DL4J (layer helpers,
     * off-heap memory) has, what only a GPU has, what a trainer may not know (its backend), and what the worker node
     * adds itself.
     */
    private static final Set<String> OPTIONAL = Set.of("started.backend", "started.layerHelpers",
            "started.partitionSha256", "epoch.heapBytes", "epoch.offHeapBytes", "epoch.gpuMemBytes");

    /** Each event's fields that a trainer must give, in its record's order: found once, not at every line. */
    private static final Map<String, List<String>> REQUIRED = EVENTS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    event -> requiredFields(event.getKey(), event.getValue())));

    /**
     * Required fields, and nulls in them, are checked on the tree before binding ({@link #missingField}): Jackson
     * can only demand every creator property or none. An optional number left out binds as 0.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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
        JsonNode tree;
        try {
            tree = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedEventLineException(line, e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventLineException(line, "not a JSON object");
        }
        String name = tree.path("event").asText();
        if (!EVENTS.containsKey(name)) {
            throw new MalformedEventLineException(line, "unknown event '" + name + "'");
        }
        Optional<String> missing = missingField(name, tree);
        if (missing.isPresent()) {
            throw new MalformedEventLineException(line, "missing field '" + missing.get() + "'");
        }
        try {
            return JSON.treeToValue(tree, TrainerEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventLineException(line, e instanceof JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage());
        }
    }

    private static List<String> requiredFields(String name, Class<? extends TrainerEvent> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .filter(field -> !OPTIONAL.contains(name + "." + field))
                .toList();
    }

    /** The first field of event {@code name} that the line lacks or gives as null, unless it may be left out. */
    private static Optional<String> missingField(String name, JsonNode tree) {
        for (String field : REQUIRED.get(name)) {
            if (!tree.hasNonNull(field)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
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
