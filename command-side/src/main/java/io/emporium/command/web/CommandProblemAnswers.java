package io.emporium.command.web;

import io.emporium.command.CommandRefusals;
import io.emporium.command.CommandRefusedException;
import io.emporium.command.InvalidCommandException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How the outcome of a refused or failed command reads over HTTP (RFC 9457). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandProblemAnswers {

    private static final Logger log = LoggerFactory.getLogger(CommandProblemAnswers.class);
    /** Seconds a client is asked to wait before it retries a command the service could not take or finish. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(CommandsBusyException.class)
    ResponseEntity<ProblemDetail> busy(CommandsBusyException busy) {
        return unavailable(busy.getMessage());
    }

    /** The database is out of reach or its pool exhausted (as in a fail-over): a retry may pass. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception failure) {
        log.warn("Database unavailable: {}", failure.toString());
        return unavailable("The database cannot be reached right now, so the command may not have been stored."
                + " Try again shortly (with the same Idempotency-Key it never acts twice).");
    }

    /** Other data access failures: 503 when they come from losing the database (a fail-over), else 500. */
    @ExceptionHandler({org.springframework.dao.DataAccessException.class, org.springframework.transaction.TransactionException.class})
    ResponseEntity<ProblemDetail> dataAccessFailed(Exception failure) {
        if (databaseLost(failure)) return databaseUnavailable(failure);
        log.error("Data access failed unexpectedly", failure);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The command failed unexpectedly."));
    }

    /**
     * Whether the failure comes from losing the database (SQL states of class 08, connection exceptions, and 57P, the
     * server shutting down: a fail-over), however Axon or Hibernate wrapped it. A commit or rollback that failed in
     * JDBC counts too: when a fail-over breaks the commit, the rollback after it fails on the closed connection, and
     * Spring throws that failure (no SQL state) in place of the commit's.
     */
    static boolean databaseLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientConnectionException) return true;
            if (t instanceof TransactionSystemException && t.getCause() instanceof java.sql.SQLException) return true;
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) return true;
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", detail));
    }

    @ExceptionHandler({AggregateNotFoundException.class, CommandRefusedException.class, InvalidCommandException.class,
            ConflictingAggregateVersionException.class, ConcurrencyException.class, CommandExecutionException.class, EventStoreException.class})
    ResponseEntity<ProblemDetail> commandFailed(Exception failure) {
        ProblemDetail answer = answerTo(failure);
        return answer == null ? databaseUnavailable(failure) : ResponseEntity.status(answer.getStatus()).body(answer);
    }

    /** The problem a failed command answers; null when the database was lost (503). */
    private static ProblemDetail answerTo(Exception failure) {
        Throwable cause = rootOfInterest(failure);
        if (cause instanceof AggregateNotFoundException) {
            return problem(HttpStatus.NOT_FOUND, "Not found", "Nothing with that id exists.");
        }
        if (cause instanceof ConflictingAggregateVersionException) {
            return problem(HttpStatus.PRECONDITION_FAILED, "Version mismatch",
                    "It has changed since the version given in If-Match; fetch it again and retry.");
        }
        if (cause instanceof ConcurrencyException) {
            return problem(HttpStatus.CONFLICT, "Concurrent modification",
                    "Others kept changing it at the same moment; try again.");
        }
        if (cause instanceof InvalidCommandException) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", cause.getMessage());
        }
        if (cause instanceof CommandRefusedException) {
            return problem(HttpStatus.CONFLICT, "Refused", cause.getMessage());
        }
        if (databaseLost(failure)) return null;
        log.error("Command failed unexpectedly", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The command failed unexpectedly; nothing was stored.");
    }

    /** Axon may wrap the interesting exception (in a CommandExecutionException, or as the cause of a retry). */
    private static Throwable rootOfInterest(Throwable failure) {
        Throwable refusal = CommandRefusals.refusalIn(failure);
        if (refusal != null) return refusal;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) return t;
        }
        return failure;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
