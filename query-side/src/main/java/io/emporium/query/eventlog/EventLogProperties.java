package io.emporium.query.eventlog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read-only connection to the command side's event table: its database (or a read replica of it), a login that
 * may only read that table, and a few connections (one per processor thread reading, plus a reconciliation).
 */
@ConfigurationProperties("emporium.events-db")
public record EventLogProperties(String url, String username, String password, @DefaultValue("4") int poolSize,
                                 @DefaultValue("command.domain_event_entry") String table) {
}
