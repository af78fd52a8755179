package io.benchfleet.coordinator.run;

import io.benchfleet.coordinator.store.ResultStore;

import java.nio.file.Path;

/**
 * The sweep stopped before its end because results.db could not be written: going on would have run
 * attempts whose results nobody keeps. Its message is the one line the user reads.
 */
public final class SweepStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SweepStoppedException(ResultStore.UnwritableException cause, Path runDirectory) {
        super(cause.getMessage() + "; the sweep stopped, with what was committed before kept; once that is fixed,"
                + " `bin/coordinator resume " + runDirectory + "` continues it", cause);
    }
}
