package io.emporium.query.admin;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Every administrative action, in PostgreSQL: who, what, on what, when, and how it ended. */
@Component
class AuditLog {

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String principal, String action, String target, String outcome, String detail) {
        jdbc.update("INSERT INTO admin_audit (principal, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                principal, action, target, outcome, detail == null ? null : detail.substring(0, Math.min(2000, detail.length())));
    }

    java.util.List<java.util.Map<String, Object>> recent(int limit) {
        return jdbc.queryForList("SELECT at, principal, action, target, outcome, detail FROM admin_audit ORDER BY id DESC LIMIT ?", limit);
    }
}
