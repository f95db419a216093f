package io.emporium.query.web;

import java.io.UncheckedIOException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.emporium.query.elasticsearch.DocumentReader;
import io.emporium.query.elasticsearch.VersionedReads;
import io.emporium.query.elasticsearch.VersionedReads.NotYetVisibleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** How read-model conditions read over HTTP (RFC 9457). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryProblemAnswers {

    private static final Logger log = LoggerFactory.getLogger(QueryProblemAnswers.class);

    /** 409 with the version the read model has, and when to try again. */
    @ExceptionHandler(NotYetVisibleException.class)
    ResponseEntity<ProblemDetail> notYetVisible(NotYetVisibleException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not visible yet");
        problem.setProperty("requestedVersion", e.requestedVersion());
        problem.setProperty("currentVersion", e.currentVersion());
        return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", "1").body(problem);
    }

    /**
     * Elasticsearch refused the query (it should not: user text never reaches it as syntax): say so, as a 400. An
     * index that is not there (yet: a first start, or Elasticsearch lost it and it is being projected again),
     * Elasticsearch's own trouble (5xx, 429) and a refusal of the service's credentials or privileges (401, 403:
     * logged once a minute by RefusedCredentials, not here) are 503.
     */
    @ExceptionHandler(ElasticsearchException.class)
    ResponseEntity<ProblemDetail> refusedBySearch(ElasticsearchException e) {
        boolean indexMissing = e.error() != null && "index_not_found_exception".equals(e.error().type());
        if (e.status() == 401 || e.status() == 403) return serviceRefused();
        if (e.status() >= 400 && e.status() < 500 && e.status() != 429 && !indexMissing) {
            log.warn("Elasticsearch refused a query: {}", e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The search could not be run as asked.");
            problem.setTitle("Invalid search");
            return ResponseEntity.badRequest().body(problem);
        }
        return unavailable(e);
    }

    private static ResponseEntity<ProblemDetail> serviceRefused() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Search is unavailable: the search engine does not accept this service's credentials at the moment;"
                        + " try again shortly.");
        problem.setTitle("Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }

    @ExceptionHandler(DocumentReader.UnreadableDocumentException.class)
    ResponseEntity<ProblemDetail> unreadable(DocumentReader.UnreadableDocumentException e) {
        log.error("A stored document is broken: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The stored read model of this item is damaged; a rebuild of its projection repairs it.");
        problem.setTitle("Damaged read model");
        return ResponseEntity.internalServerError().body(problem);
    }

    @ExceptionHandler(VersionedReads.TooManyWaitersException.class)
    ResponseEntity<ProblemDetail> tooManyWaiters(VersionedReads.TooManyWaitersException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(problem);
    }

    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Search is unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Search is unavailable; try again shortly.");
        problem.setTitle("Unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }
}
