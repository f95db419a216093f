package io.emporium.support.persistence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.emporium.support.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Vacuums and analyzes the tables this service owns when the PostgreSQL server does not (autovacuum = off, as on
 * some CI and benchmark machines). Without statistics the planner guessed that a streaming processor's "events after
 * this index" matched thousands of rows and read the whole event table for each batch: in the benchmark
 * PostgreSQL's CPU grew with every event (10% to 65% of a core in one minute) and stayed flat once the tables were
 * analyzed. Token and saga rows, rewritten at every batch, also leave dead versions behind. A table is due by
 * autovacuum's own default rule: changes since its last analyze, or dead rows, above 50 + 10% (20%) of its rows.
 * When autovacuum is on, this does nothing.
 */
public class TableMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);

    private static final String DUE_TABLES = """
            SELECT format('%I.%I', s.schemaname, s.relname), s.n_dead_tup > 50 + 0.2 * s.n_live_tup
            FROM pg_stat_user_tables s
            JOIN pg_tables t ON t.schemaname = s.schemaname AND t.tablename = s.relname
            WHERE t.tableowner = current_user
              AND (s.n_mod_since_analyze > 50 + 0.1 * s.n_live_tup OR s.n_dead_tup > 50 + 0.2 * s.n_live_tup)
            """;

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private boolean warned;

    public TableMaintenance(JdbcTemplate jdbc, Duration interval) {
        this.jdbc = jdbc;
        this.interval = interval;
    }

    /** Vacuums or analyzes each of this service's tables that is due, whatever the server's autovacuum does. */
    public void maintainOnce() {
        List<Due> due = jdbc.query(DUE_TABLES, (rs, n) -> new Due(rs.getString(1), rs.getBoolean(2)));
        for (Due table : due) {
            // VACUUM cannot run in a transaction: the template's connection is in autocommit here
            jdbc.execute((table.vacuum ? "VACUUM (ANALYZE) " : "ANALYZE ") + table.name);
        }
        if (!due.isEmpty()) log.debug("Maintained {}", due);
    }

    private void tick() {
        try {
            if (!"off".equals(jdbc.queryForObject("SELECT current_setting('autovacuum')", String.class))) return;
            if (!warned) {
                log.warn("autovacuum is off on this PostgreSQL server: this service vacuums and analyzes its own tables every {} s",
                        interval.toSeconds());
                warned = true;
            }
            maintainOnce();
        } catch (DataAccessException e) {
            log.warn("Table maintenance failed, trying again in {} s: {}", interval.toSeconds(), e.getMessage());
        }
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) return;  // turned off
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("table-maintenance"));
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private record Due(String name, boolean vacuum) {
    }
}
