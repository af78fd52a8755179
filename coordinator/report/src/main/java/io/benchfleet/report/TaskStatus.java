package io.benchfleet.report;

/** The status column of results.csv. */
public enum TaskStatus {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    NOT_RUN("not-run");

    private final String label;

    TaskStatus(String label) {
        this.label = label;
    }

    /** The word used in results.csv and report.json. */
    public String label() {
        return label;
    }
}
