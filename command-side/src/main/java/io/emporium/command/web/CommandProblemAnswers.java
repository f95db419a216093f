package io.emporium.command.web;

import io.emporium.command.CommandRefusals;
import io.emporium.command.CommandRefusedException;
import io.emporium.command.InvalidCommandException;
import org.axonframework.commandhandling.CommandExecutionException;
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

    /** The database is out of reach or its pool exhausted (as in a failover): nothing was stored, a retry may pass. */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception failure) {
        log.warn("Database unavailable: {}", failure.toString());
        return unavailable("The database cannot be reached right now; nothing was stored. Try again shortly.");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", detail));
    }

    @ExceptionHandler({AggregateNotFoundException.class, CommandRefusedException.class, InvalidCommandException.class,
            ConflictingAggregateVersionException.class, ConcurrencyException.class, CommandExecutionException.class})
    ProblemDetail commandFailed(Exception failure) {
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
