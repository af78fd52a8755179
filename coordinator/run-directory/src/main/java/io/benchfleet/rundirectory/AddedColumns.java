package io.benchfleet.rundirectory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns results.db gained after its first schema. CREATE TABLE IF NOT EXISTS leaves an older file's
 * tables as they were, so {@link ResultsDatabase} adds these to it when it is opened for writing (resume),
 * and shows them as NULL when it is opened read-only (a report on an older run directory).
 */
public final class AddedColumns {

    /** One column: its table, name and SQLite type. */
    public record Column(String table, String name, String type) {
    }

    public static final List<Column> ALL = List.of(
            new Column("workers", "gpus", "TEXT"),
            new Column("attempts", "device_name", "TEXT"),
            new Column("attempts", "driver_version", "TEXT"),
            new Column("attempts", "cuda_version", "TEXT"),
            new Column("tasks", "framework", "TEXT"),
            new Column("tasks", "train_fraction", "REAL"),
            new Column("workers", "frameworks", "TEXT"),
            new Column("attempts", "framework_version", "TEXT"),
            new Column("attempts", "partition_sha256", "TEXT"),
            new Column("tasks", "learning_rate", "REAL"),
            new Column("epochs", "gpu_mem_bytes", "INTEGER"));

    private AddedColumns() {
    }

    /**
     * The added columns the connection's results.db lacks. A table that cannot be read (locked past the busy
     * timeout) is an error, not a table without them: that would shadow its real columns with NULL.
     */
    public static List<Column> missingFrom(Connection connection) throws SQLException {
        List<Column> missing = new ArrayList<>();
        for (Column column : ALL) {
            if (!columnsOf(connection, column.table()).contains(column.name())) {
                missing.add(column);
            }
        }
        return missing;
    }

    private static Set<String> columnsOf(Connection connection, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA main.table_info(" + table + ")")) {
            while (rows.next()) {
                names.add(rows.getString("name"));
            }
        }
        return names;
    }
}
