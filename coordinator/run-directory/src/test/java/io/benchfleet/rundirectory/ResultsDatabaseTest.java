package io.benchfleet.rundirectory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How results.db is opened: the settings its durability and a report's reads rely on. */
class ResultsDatabaseTest {

    @TempDir
    Path runDirectory;

    @Test
    void theWriterCommitsToAWriteAheadLogWithoutAnFsyncPerCommitAndWaitsForLocks() throws SQLException {
        try (Connection writer = ResultsDatabase.openForWriting(runDirectory)) {
            assertThat(pragma(writer, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(writer, "synchronous")).isEqualTo("1");
            assertThat(pragma(writer, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(writer, "busy_timeout")).isEqualTo(Long.toString(ResultsDatabase.BUSY_TIMEOUT.toMillis()));
        }
    }

    @Test
    void aReportWaitsForLocksToo() throws SQLException {
        ResultsDatabase.openForWriting(runDirectory).close();

        try (Connection reader = ResultsDatabase.openForReading(runDirectory)) {
            assertThat(pragma(reader, "busy_timeout")).isEqualTo(Long.toString(ResultsDatabase.BUSY_TIMEOUT.toMillis()));
        }
    }

    /**
     * A connection in exclusive locking mode keeps every other one out until it closes, as the writer's
     * connection does for a moment when it checkpoints and removes the log on close. The hold is longer
     * than the driver's default wait of 3 s; the column read is one added since the first schema, which a
     * reader that could not look at the table would have shadowed with NULL.
     */
    @Test
    void aReportOpenedWhileTheWriterHoldsItsLockReadsEverythingOnceTheLockIsReleased() throws Exception {
        Connection writer = ResultsDatabase.openForWriting(runDirectory);
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA locking_mode=EXCLUSIVE");
            statement.execute("INSERT INTO workers(worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm,"
                    + " slots, gpus, joined_at) VALUES ('w-1', 'alpha', 'Linux', 'Xeon', 2, 1, '17', 'gpu:0', 'gpu:0 H200',"
                    + " '2026-01-01T00:00:00Z')");
        }
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> close(writer),
                CompletableFuture.delayedExecutor(Duration.ofSeconds(4).toMillis(), TimeUnit.MILLISECONDS));

        try (Connection reader = ResultsDatabase.openForReading(runDirectory);
             Statement statement = reader.createStatement();
             ResultSet rows = statement.executeQuery("SELECT gpus FROM workers")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("gpu:0 H200");
        } finally {
            release.join();
        }
    }

    /** SQLite answers a page limit reached as it answers a full disk: SQLITE_FULL. */
    @Test
    void aFullDiskIsAFailureOfTheFileNotOfOneStatement() throws SQLException {
        try (Connection writer = ResultsDatabase.openForWriting(runDirectory);
             Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA max_page_count=" + pragma(writer, "page_count"));

            assertThatThrownBy(() -> statement.execute("INSERT INTO run(key, value) VALUES ('filler', '"
                    + "x".repeat(64 * 1024) + "')"))
                    .isInstanceOfSatisfying(SQLException.class, full -> assertThat(ResultsDatabase.isUnwritable(full)).isTrue())
                    .hasMessageContaining("SQLITE_FULL");
        }
    }

    @Test
    void aStatementTheSchemaRefusesLeavesTheFileWritable() throws SQLException {
        try (Connection writer = ResultsDatabase.openForWriting(runDirectory);
             Statement statement = writer.createStatement()) {

            assertThatThrownBy(() -> statement.execute("INSERT INTO run(key, value) VALUES ('sweep_name', NULL)"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(ResultsDatabase.isUnwritable(refused)).isFalse())
                    .hasMessageContaining("SQLITE_CONSTRAINT");
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
