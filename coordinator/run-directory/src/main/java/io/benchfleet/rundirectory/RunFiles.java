package io.benchfleet.rundirectory;

/**
 * The names of the files in a run directory. Scripts and users rely on them (README's run directory
 * section), so they are spelt here once.
 */
public final class RunFiles {

    /** SQLite, the run's record of truth; written by the coordinator alone. */
    public static final String RESULTS_DB = "results.db";
    /** The copy of the sweep file the run was started (or last resumed) with. */
    public static final String SWEEP_CONF = "sweep.conf";
    public static final String ENVIRONMENT_JSON = "environment.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String EPOCHS_CSV = "epochs.csv";
    public static final String SAMPLES_CSV = "samples.csv";
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_HTML = "report.html";
    /** The values of every chart of report.html, one row per point, under the id each chart shows. */
    public static final String CHARTS_CSV = "charts.csv";
    /** A folder: the coordinator's and the local worker nodes' logs. */
    public static final String LOGS = "logs";
    /**
     * Locked by the coordinator that runs the sweep, so that a second one (a {@code resume} while the first
     * still runs) is refused; it names that coordinator's pid and start. The file stays; the lock goes with
     * its process.
     */
    public static final String COORDINATOR_LOCK = "coordinator.lock";

    private RunFiles() {
    }
}
