package io.emporium.query.eventlog;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pool of read-only connections to the event log. Deliberately not a {@code DataSource} bean: the service's own
 * database stays Spring Boot's one data source (JPA, Flyway, plain JDBC), and nothing but the event log's readers can
 * reach this one. Connections are validated before use and replaced when the server went away (a fail-over of a
 * managed database costs retries, not a restart).
 */
public class EventLogConnection implements DisposableBean {

    private final HikariDataSource pool;
    private final String table;

    EventLogConnection(EventLogProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("event-log");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(1);
        config.setReadOnly(true);
        // the service starts (and its search answers) while the event log cannot be reached; processors retry
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
        this.table = properties.table();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The event table, schema-qualified. */
    public String table() {
        return table;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(pool);
    }

    /** Read-only transactions on the event log (a server-side cursor needs one). */
    public TransactionTemplate readOnlyTransactions() {
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(pool));
        template.setReadOnly(true);
        return template;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
