package io.benchfleet.report;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run directory and the key/value rows of its {@code run} table (sweep_name, started_at,
 * finished_at, coordinator_jvm).
 */
public record RunMetadata(Path runDirectory, Map<String, String> values) {

    public static final String SWEEP_NAME = "sweep_name";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String COORDINATOR_JVM = "coordinator_jvm";

    public RunMetadata {
        // Sorted so that report.json lists the keys in the same order on every run.
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The directory's name stands in when the coordinator stopped before recording the sweep's name. */
    public String sweepName() {
        return value(SWEEP_NAME).orElse(String.valueOf(runDirectory.getFileName()));
    }
}
