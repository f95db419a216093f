package io.emporium.query.admin;

import java.security.Principal;
import java.util.List;

import io.emporium.query.projection.DeadLetters;
import io.emporium.query.projection.Rebuilds;
import io.emporium.query.reconciliation.Reconciliation;
import io.emporium.support.web.InvalidParameterException;
import io.emporium.support.web.Paging;
import org.springframework.http.HttpStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administration of the read model (role ADMIN): rebuilds, dead letters and verification against the event store.
 * Every action lands in the audit log.
 */
@RestController
@RequestMapping("/admin")
@Tag(name = "administration")
class AdminController {

    private final Rebuilds rebuilds;
    private final DeadLetters deadLetters;
    private final Reconciliation reconciliation;
    private final AuditLog audit;

    AdminController(Rebuilds rebuilds, DeadLetters deadLetters, Reconciliation reconciliation, AuditLog audit) {
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
        this.reconciliation = reconciliation;
        this.audit = audit;
    }

    @GetMapping("/projections")
    @Operation(operationId = "listProjections", summary = "The projections and their rebuilds",
            description = "Per projection: its live generation and index, position and head of the event store, lag, state, and the"
                    + " rebuild under way (progress, rate, ETA) or null.")
    @ApiResponse(responseCode = "200", description = "One entry per projection.")
    List<Rebuilds.ProjectionStatus> projections() {
        return rebuilds.status();
    }

    /** {@code batchSize} overrides the configured rebuild batch size for this rebuild (1 to 10,000). */
    @PostMapping("/projections/{name}/rebuild")
    @Operation(operationId = "startRebuild", summary = "Rebuild a projection without downtime",
            description = "Projects the whole event store into a new index generation while the live one serves; the alias moves to it"
                    + " once it has caught up. Follow it on GET /admin/projections.")
    @ApiResponse(responseCode = "202", description = "Started: the projection's status with its rebuild.",
            content = @Content(schema = @Schema(implementation = Rebuilds.ProjectionStatus.class)))
    @ApiResponse(responseCode = "409", description = "A rebuild of this projection runs already.")
    ResponseEntity<?> rebuild(@PathVariable @Parameter(description = "The projection: products or orders.") @Schema(allowableValues = {"products", "orders"}) String name,
                              @RequestParam(required = false) @Parameter(description = "Events per batch for this rebuild.")
                              @Schema(minimum = "1", maximum = "10000") Integer batchSize, @Parameter(hidden = true) Principal who) {
        if (batchSize != null && (batchSize < 1 || batchSize > 10_000)) {
            throw new InvalidParameterException("batchSize", "batchSize must be between 1 and 10000");
        }
        return audited(who, "rebuild", name, () -> rebuilds.start(name, who.getName(), batchSize)
                .<ResponseEntity<?>>map(generation -> ResponseEntity.accepted().body(rebuilds.status(name)))
                .orElseGet(() -> conflict("A rebuild of " + name + " runs already; cancel it with DELETE /admin/projections/"
                        + name + "/rebuild")));
    }

    @DeleteMapping("/projections/{name}/rebuild")
    @Operation(operationId = "cancelRebuild", summary = "Cancel a running rebuild", description = "The live generation goes on serving.")
    @ApiResponse(responseCode = "200", description = "Cancelled: the projection's status.",
            content = @Content(schema = @Schema(implementation = Rebuilds.ProjectionStatus.class)))
    @ApiResponse(responseCode = "409", description = "No rebuild of this projection runs.")
    ResponseEntity<?> cancel(@PathVariable @Parameter(description = "The projection: products or orders.") @Schema(allowableValues = {"products", "orders"}) String name, @Parameter(hidden = true) Principal who) {
        return audited(who, "cancel-rebuild", name, () -> rebuilds.cancel(name)
                ? ResponseEntity.ok(rebuilds.status(name))
                : conflict("No rebuild of " + name + " runs"));
    }

    @GetMapping("/projections/{name}/dead-letters")
    @Operation(operationId = "listDeadLetters", summary = "Events a projection could not handle",
            description = "Each with its aggregate, event and the cause; an aggregate's later events wait behind its first dead letter.")
    @ApiResponse(responseCode = "200", description = "One page of dead letters.")
    DeadLetters.Page deadLetters(@PathVariable @Parameter(description = "The projection: products or orders.") @Schema(allowableValues = {"products", "orders"}) String name,
                                 @RequestParam(defaultValue = "0") @Schema(minimum = "0", maximum = "9999") int page,
                                 @RequestParam(defaultValue = "20") @Schema(minimum = "1", maximum = "100") int size) {
        Paging.check(page, size);
        rebuilds.status(name); // 404 for an unknown projection
        return deadLetters.list(name, page, size);
    }

    @PostMapping("/projections/{name}/dead-letters/retry")
    @Operation(operationId = "retryDeadLetters", summary = "Handle the dead letters again", description = "After the cause was mended.")
    @ApiResponse(responseCode = "200", description = "What was handled, and what failed again.",
            content = @Content(schema = @Schema(implementation = DeadLetters.Retry.class)))
    ResponseEntity<?> retry(@PathVariable @Parameter(description = "The projection: products or orders.") @Schema(allowableValues = {"products", "orders"}) String name, @Parameter(hidden = true) Principal who) {
        return audited(who, "retry-dead-letters", name, () -> {
            rebuilds.status(name);
            return ResponseEntity.ok(deadLetters.retry(name));
        });
    }

    @DeleteMapping("/projections/{name}/dead-letters")
    @Operation(operationId = "evictDeadLetters", summary = "Drop dead letters",
            description = "All of them, or one aggregate's sequence; the events stay in the event store (verify --repair mends the documents).")
    @ApiResponse(responseCode = "200", description = "How many were dropped.",
            content = @Content(schema = @Schema(implementation = Evicted.class)))
    ResponseEntity<?> evict(@PathVariable @Parameter(description = "The projection: products or orders.") @Schema(allowableValues = {"products", "orders"}) String name,
                            @RequestParam(required = false) @Parameter(description = "Only the dead letters of this aggregate.")
                            @Schema(maxLength = 100) String sequence, @Parameter(hidden = true) Principal who) {
        return audited(who, "evict-dead-letters", name + (sequence == null ? "" : "/" + sequence), () -> {
            rebuilds.status(name);
            return ResponseEntity.ok(new Evicted(deadLetters.evict(name, sequence)));
        });
    }

    /** Compares the live index with the event store; with {@code repair=true} mends what differs and checks again. */
    @PostMapping("/projections/{name}/verify")
    @Operation(operationId = "verifyProjection", summary = "Compare a projection with the event store, and repair it",
            description = "Folds every aggregate the live processor has passed and compares it with its document: missing, stale,"
                    + " wrong, ahead, extra. With repair=true mends what differs and checks again. Runs while commands and searches go on.")
    @ApiResponse(responseCode = "200", description = "The report.",
            content = @Content(schema = @Schema(implementation = Reconciliation.Report.class)))
    @ApiResponse(responseCode = "409", description = "A verification of this projection runs already on this instance.")
    ResponseEntity<?> verify(@PathVariable @Parameter(description = "The projection: products or orders.") @Schema(allowableValues = {"products", "orders"}) String name,
                             @RequestParam(defaultValue = "false") @Parameter(description = "Mend what differs.") boolean repair,
                             @Parameter(hidden = true) Principal who) {
        return audited(who, repair ? "verify-repair" : "verify", name, () -> {
            try {
                return ResponseEntity.ok(reconciliation.run(name, repair));
            } catch (Reconciliation.AlreadyRunningException running) {
                return conflict(running.getMessage());
            }
        });
    }

    /** The verification under way (its phase and progress), if any, and the last one's report. */
    @GetMapping("/projections/{name}/verify")
    @Operation(operationId = "getVerification", summary = "The verification under way and the last report")
    @ApiResponse(responseCode = "200", description = "Its progress (null when none runs) and the last report (null before the first).")
    Verification verification(@PathVariable @Parameter(description = "The projection: products or orders.") @Schema(allowableValues = {"products", "orders"}) String name) {
        return new Verification(reconciliation.progress(name).orElse(null), reconciliation.last(name).orElse(null));
    }

    @Schema(name = "Verification", description = "A verification under way, and the last one's report.")
    record Verification(@Schema(nullable = true) Reconciliation.Progress running, @Schema(nullable = true) Reconciliation.Report last) {
    }

    @Schema(name = "EvictedDeadLetters")
    record Evicted(@Schema(minimum = "0") long evicted) {
    }

    @GetMapping("/audit")
    @Operation(operationId = "listAudit", summary = "The audit log", description = "Who asked for which administrative action, newest first.")
    @ApiResponse(responseCode = "200", description = "The newest entries.")
    List<AuditLog.Entry> auditLog(@RequestParam(defaultValue = "50") @Parameter(description = "How many (1 to 500).")
                                       @Schema(minimum = "1", maximum = "500") int limit) {
        return audit.recent(Math.max(1, Math.min(limit, 500)));
    }

    private ResponseEntity<?> audited(Principal who, String action, String target, Action<ResponseEntity<?>> work) {
        try {
            ResponseEntity<?> answer = work.run();
            audit.record(who.getName(), action, target, answer.getStatusCode().is2xxSuccessful() ? "done" : "refused",
                    answer.getBody() instanceof ProblemDetail problem ? problem.getDetail() : null);
            return answer;
        } catch (Exception e) {
            audit.record(who.getName(), action, target, "failed", e.getMessage());
            if (e instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<ProblemDetail> conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Conflict");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @FunctionalInterface
    private interface Action<T> {
        T run() throws Exception;
    }
}
