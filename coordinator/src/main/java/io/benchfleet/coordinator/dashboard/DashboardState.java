package io.benchfleet.coordinator.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.report.LiveRun;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's JSON, read from results.db on one thread of its own, so that however many browsers poll, one
 * query runs at a time and never on the threads that dispatch the sweep. The state is read at most once per
 * {@link #FRESH}: more browsers do not mean more queries.
 */
final class DashboardState implements AutoCloseable {

    static final Duration FRESH = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveRun run;
    private final Clock clock;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-reader");
        thread.setDaemon(true);
        return thread;
    });
    private String latest;
    private Instant latestAt = Instant.MIN;

    DashboardState(Path runDirectory, Clock clock) {
        this.run = new LiveRun(runDirectory);
        this.clock = clock;
    }

    /** The sweep's state as JSON; fails with the reason when results.db cannot be read now. */
    CompletionStage<String> state() {
        return CompletableFuture.supplyAsync(() -> {
            Instant now = clock.instant();
            if (latest == null || Duration.between(latestAt, now).compareTo(FRESH) >= 0) {
                latest = json(read(() -> run.state(now)));
                latestAt = now;
            }
            return latest;
        }, reader);
    }

    /** One attempt's epochs and traces as JSON; empty for an attempt results.db does not have. */
    CompletionStage<Optional<String>> attempt(String attemptId) {
        return CompletableFuture.supplyAsync(() -> read(() -> run.attempt(attemptId)).map(DashboardState::json), reader);
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T read(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new IllegalStateException("results.db cannot be read now: " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dashboard's state does not write as JSON", e);
        }
    }

    @Override
    public void close() {
        reader.submit(() -> {
            try {
                run.close();
            } catch (SQLException ignored) {
                // Read-only: nothing of the sweep is lost when closing it fails.
            }
        });
        reader.shutdown();
    }

    /** {@code {"error": "..."}} naming why a read failed. */
    static String errorJson(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return json(Map.of("error", String.valueOf(cause.getMessage())));
    }
}
