package io.emporium.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/** Which data access failures are the database going away (503, retry) rather than a fault of the service (500). */
class DatabaseLostTest {

    @Test
    void aRollbackFailingOnTheConnectionAFailOverClosedIsTheDatabaseLost() {
        // what Spring throws when a fail-over breaks the commit: the rollback's failure, in place of the commit's
        Exception failure = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));

        assertThat(CommandProblemAnswers.databaseLost(failure)).isTrue();
    }

    @Test
    void aServerShuttingDownOrAConnectionErrorIsTheDatabaseLost() {
        assertThat(CommandProblemAnswers.databaseLost(new IllegalStateException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(CommandProblemAnswers.databaseLost(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(CommandProblemAnswers.databaseLost(new DataAccessResourceFailureException("JDBC commit"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(CommandProblemAnswers.databaseLost(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(CommandProblemAnswers.databaseLost(new TransactionSystemException("no transaction in progress"))).isFalse();
        assertThat(CommandProblemAnswers.databaseLost(new TransactionSystemException("commit failed",
                new IllegalStateException("a synchronization failed")))).isFalse();
    }
}
