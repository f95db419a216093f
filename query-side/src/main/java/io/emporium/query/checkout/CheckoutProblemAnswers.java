package io.emporium.query.checkout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How checkout's own refusals read over HTTP (RFC 9457); the basket's are answered as for basket changes. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CheckoutProblemAnswers {

    private static final Logger log = LoggerFactory.getLogger(CheckoutProblemAnswers.class);

    @ExceptionHandler(CheckoutConflictException.class)
    ResponseEntity<ProblemDetail> conflict(CheckoutConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle(e.title());
        problem.setProperty("basket", e.basket());
        return ResponseEntity.status(HttpStatus.CONFLICT).eTag(Long.toString(e.basket().version())).body(problem);
    }

    @ExceptionHandler(CheckoutUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(CheckoutUnavailableException e) {
        log.warn("Checkout could not place its order: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The order could not be placed just now; repeat the same request (same Idempotency-Key) shortly: it places one order at most.");
        problem.setTitle("Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2").body(problem);
    }
}
