package io.benchfleet.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes a fixture's rows into a results.db, as the coordinator's store would have. */
final class ResultsDbRows {

    private ResultsDbRows() {
    }

    /** Runs one INSERT or UPDATE with its values bound in order. */
    static void execute(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
