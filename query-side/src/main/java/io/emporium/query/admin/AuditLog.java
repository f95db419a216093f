package io.emporium.query.admin;

import io.swagger.v3.oas.annotations.media.Schema;
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

    java.util.List<Entry> recent(int limit) {
        return jdbc.query("SELECT at, principal, action, target, outcome, detail FROM admin_audit ORDER BY id DESC LIMIT ?",
                (rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("principal"), rs.getString("action"),
                        rs.getString("target"), rs.getString("outcome"), rs.getString("detail")), limit);
    }

    @Schema(name = "AuditEntry", description = "One administrative action: when, who, what, on what, and how it ended.")
    record Entry(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) java.time.Instant at,
                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200) String principal,
                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String action,
                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 300) String target,
                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"done", "refused", "failed"}) String outcome,
                 @Schema(maxLength = 2000) String detail) {
    }
}
