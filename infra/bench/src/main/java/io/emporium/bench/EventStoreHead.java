package io.emporium.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The newest global index of the event store: how many events a step appended. */
final class EventStoreHead {

    private EventStoreHead() {
    }

    static long of(Map<String, String> o) {
        try (Connection c = DriverManager.getConnection(o.get("command-jdbc-url"), o.get("command-db-user"), o.get("command-db-password"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(global_index), 0) FROM command.domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the event store's head", e);
        }
    }
}
