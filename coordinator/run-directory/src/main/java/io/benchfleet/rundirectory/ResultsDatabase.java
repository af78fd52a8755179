package io.benchfleet.rundirectory;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opens a run directory's results.db: for writing with the current schema, or read-only as if it had
 * the current schema. Both the coordinator's results writer and the report go through here, so that
 * an older file reads the same way everywhere.
 */
public final class ResultsDatabase {

    /**
     * How long a connection waits for another's lock before giving up with SQLITE_BUSY. Under WAL readers and
     * the writer rarely meet, but they do for a moment: a report opened while the writer checkpoints and
     * removes the log on close, a reader that finds the log to recover. The driver's default is 3 s.
     */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** An extended result code (SQLITE_IOERR_WRITE) carries its primary one (SQLITE_IOERR) in its low byte. */
    private static final int PRIMARY_CODE = 0xff;
    private static final Set<SQLiteErrorCode> UNWRITABLE = EnumSet.of(SQLiteErrorCode.SQLITE_FULL,
            SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_READONLY, SQLiteErrorCode.SQLITE_CANTOPEN,
            SQLiteErrorCode.SQLITE_PERM, SQLiteErrorCode.SQLITE_CORRUPT, SQLiteErrorCode.SQLITE_NOTADB);

    private ResultsDatabase() {
    }

    /** The results.db of a run directory. */
    public static Path fileIn(Path runDirectory) {
        return runDirectory.resolve(RunFiles.RESULTS_DB);
    }

    /**
     * Opens (or creates) the run directory's results.db with the current schema; an older file gets
     * the columns added since ({@link AddedColumns}).
     */
    public static Connection openForWriting(Path runDirectory) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        // WAL: readers (a report on a running sweep) never block the writer.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL under WAL: a commit is appended to the log without waiting for the disk; the log is synced at
        // each checkpoint. A crash of the coordinator loses nothing committed; a power loss may lose the last
        // commits but never corrupts the file. FULL syncs the log at every commit: a burst of 1,000 sample
        // batches of 2 rows, one transaction each, took 1.3 s with FULL (median of 5, 1.0 to 2.2 s) and 0.08 s
        // with NORMAL on an ext4 virtual disk; the writer is one thread, so FULL would hold back every record.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(busyTimeoutMillis());
        config.enforceForeignKeys(true);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + fileIn(runDirectory), config.toProperties());
        try (Statement statement = connection.createStatement()) {
            for (String ddl : schema().split(";")) {
                if (!ddl.isBlank()) {
                    statement.execute(ddl);
                }
            }
            for (AddedColumns.Column column : AddedColumns.missingFrom(connection)) {
                statement.execute("ALTER TABLE " + column.table() + " ADD COLUMN " + column.name() + " " + column.type());
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Opens an existing results.db read-only. A table that lacks columns added since its file was written
     * is shadowed by a temporary view of the same name that has them, as NULL: queries are written
     * against the current schema only.
     */
    public static Connection openForReading(Path runDirectory) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(busyTimeoutMillis());
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + fileIn(runDirectory), config.toProperties());
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, List<AddedColumns.Column>> table : missingByTable(connection).entrySet()) {
                statement.execute("CREATE TEMP VIEW " + table.getKey() + " AS SELECT *, "
                        + table.getValue().stream().map(column -> "NULL AS " + column.name())
                        .collect(Collectors.joining(", "))
                        + " FROM main." + table.getKey());
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static int busyTimeoutMillis() {
        return Math.toIntExact(BUSY_TIMEOUT.toMillis());
    }

    /**
     * Whether an error says that results.db itself cannot be written (a full disk, an I/O error, a read-only or
     * vanished file, a damaged one), so that every later write would fail too, rather than that one statement
     * was refused.
     */
    public static boolean isUnwritable(SQLException e) {
        return e instanceof SQLiteException sqlite
                && UNWRITABLE.contains(SQLiteErrorCode.getErrorCode(sqlite.getResultCode().code & PRIMARY_CODE));
    }

    /** Whether the run directory has a results.db at all. */
    public static boolean existsIn(Path runDirectory) {
        return Files.isRegularFile(fileIn(runDirectory));
    }

    private static Map<String, List<AddedColumns.Column>> missingByTable(Connection connection) throws SQLException {
        return AddedColumns.missingFrom(connection).stream()
                .collect(Collectors.groupingBy(AddedColumns.Column::table, LinkedHashMap::new, Collectors.toList()));
    }

    private static String schema() {
        try (InputStream in = ResultsDatabase.class.getResourceAsStream("schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("--[^\n]*", "");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("schema.sql missing from the run-directory module's classpath", e);
        }
    }
}
