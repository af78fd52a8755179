package io.benchfleet.coordinator.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns results.db gained after its first schema. CREATE TABLE IF NOT EXISTS leaves an older file's
 * tables as they were, so the writer adds these to it (resume), and a read-only reader reads them as NULL
 * (report on an older run directory).
 */
public final class AddedColumns {

    /** One column: its table, name and SQLite type. */
    public record Column(String table, String name, String type) {
    }

    public static final List<Column> ALL = List.of(
            new Column("workers", "gpus", "TEXT"),
            new Column("attempts", "device_name", "TEXT"),
            new Column("attempts", "driver_version", "TEXT"),
            new Column("attempts", "cuda_version", "TEXT"));

    private AddedColumns() {
    }

    /** The added columns an older results.db lacks. */
    public static List<Column> missingFrom(Connection connection) throws SQLException {
        return ALL.stream().filter(column -> !has(connection, column)).toList();
    }

    static void addTo(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Column column : missingFrom(connection)) {
                statement.execute("ALTER TABLE " + column.table() + " ADD COLUMN " + column.name() + " " + column.type());
            }
        }
    }

    private static boolean has(Connection connection, Column column) {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA table_info(" + column.table() + ")")) {
            while (rows.next()) {
                names.add(rows.getString("name"));
            }
        } catch (SQLException e) {
            return false;
        }
        return names.contains(column.name());
    }
}
