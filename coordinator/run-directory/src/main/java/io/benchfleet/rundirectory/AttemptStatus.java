package io.benchfleet.rundirectory;

import java.util.Arrays;
import java.util.Optional;

/** An attempt's {@code status} in results.db. */
public enum AttemptStatus {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String column;

    AttemptStatus(String column) {
        this.column = column;
    }

    /** As results.db spells it. */
    public String column() {
        return column;
    }

    /** The status a results.db value stands for; empty for a value no benchfleet wrote. */
    public static Optional<AttemptStatus> of(String column) {
        return Arrays.stream(values()).filter(status -> status.column.equals(column)).findFirst();
    }
}
