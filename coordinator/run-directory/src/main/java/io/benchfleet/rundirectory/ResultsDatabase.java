package io.benchfleet.rundirectory;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Opens a run directory's results.db: for writing with the current schema, or read-only as if it had
 * the current schema. Both the coordinator's results writer and the report go through here, so that
 * an older file reads the same way everywhere.
 */
public final class ResultsDatabase {

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
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + fileIn(runDirectory));
        try (Statement statement = connection.createStatement()) {
            // WAL: readers (a report on a running sweep) never block the writer.
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA foreign_keys=ON");
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
     *
     */
    public static Connection openForReading(Path runDirectory) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
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

    /** Whether the run directory has a results.db at all. */
    public static boolean existsIn(Path runDirectory) {
        return Files.isRegularFile(fileIn(runDirectory));
    }

    private static Map<String, List<AddedColumns.Column>> missingByTable(Connection connection) {
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
