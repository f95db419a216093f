package io.emporium.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One fresh database of a test class, and the settings that point a service at it. */
public record TestDatabase(TestServices.PostgresServer server, String name) {

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** An admin connection, for assertions on the catalog and the event table. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** A single number from the database, e.g. a count. */
    public long queryLong(String sql) {
        return Long.parseLong(queryString(sql));
    }

    /** A single value from the database, as text. */
    public String queryString(String sql) {
        try (Connection c = connect(); java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Environment variables of a service process (the names the applications read). */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMPORIUM_DB_HOST", server.host());
        env.put("EMPORIUM_DB_PORT", Integer.toString(server.port()));
        env.put("EMPORIUM_DB_NAME", name);
        env.put("EMPORIUM_QUERY_DB_NAME", name);
        env.put("EMPORIUM_COMMAND_DB_PASSWORD", server.commandPassword());
        env.put("EMPORIUM_QUERY_DB_PASSWORD", server.queryPassword());
        return env;
    }

    /** Environment variables of an identity service process on this database. */
    public Map<String, String> identityEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMPORIUM_DB_HOST", server.host());
        env.put("EMPORIUM_DB_PORT", Integer.toString(server.port()));
        env.put("EMPORIUM_IDENTITY_DB_NAME", name);
        env.put("EMPORIUM_IDENTITY_DB_PASSWORD", server.identityPassword());
        return env;
    }

    /** Spring properties for a command-side application context in the test's own JVM. */
    public Map<String, String> commandSideProperties() {
        return Map.of("spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", "emporium_command",
                "spring.datasource.password", server.commandPassword());
    }

    /** Spring properties for an identity service in the test's own JVM. */
    public Map<String, String> identityProperties() {
        return Map.of("spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", "emporium_identity",
                "spring.datasource.password", server.identityPassword());
    }

    /** Spring properties for a query-side application context in the test's own JVM: its state and the events here. */
    public Map<String, String> querySideProperties() {
        Map<String, String> properties = new LinkedHashMap<>(queryStateProperties());
        properties.putAll(eventLogProperties());
        return properties;
    }

    /** Spring properties that make this the query service's own database (tokens, dead letters, state, audit). */
    public Map<String, String> queryStateProperties() {
        return Map.of("spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", "emporium_query",
                "spring.datasource.password", server.queryPassword());
    }

    /** Spring properties that make this the event log the query service reads (read-only). */
    public Map<String, String> eventLogProperties() {
        return Map.of("emporium.events-db.url", jdbcUrl(),
                "emporium.events-db.username", "emporium_query",
                "emporium.events-db.password", server.queryPassword());
    }
}
