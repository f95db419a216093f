package io.emporium.query.admin;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.emporium.query.projection.DeadLetters;
import io.emporium.query.projection.Rebuilds;
import io.emporium.query.reconciliation.Reconciliation;
import io.emporium.support.web.InvalidParameterException;
import io.emporium.support.web.Paging;
import org.springframework.http.HttpStatus;
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
    List<Rebuilds.ProjectionStatus> projections() {
        return rebuilds.status();
    }

    /** {@code batchSize} overrides the configured rebuild batch size for this rebuild (1 to 10,000). */
    @PostMapping("/projections/{name}/rebuild")
    ResponseEntity<?> rebuild(@PathVariable String name, @RequestParam(required = false) Integer batchSize, Principal who) {
        if (batchSize != null && (batchSize < 1 || batchSize > 10_000)) {
            throw new InvalidParameterException("batchSize", "batchSize must be between 1 and 10000");
        }
        return audited(who, "rebuild", name, () -> rebuilds.start(name, who.getName(), batchSize)
                .<ResponseEntity<?>>map(generation -> ResponseEntity.accepted().body(rebuilds.status(name)))
                .orElseGet(() -> conflict("A rebuild of " + name + " runs already; cancel it with DELETE /admin/projections/"
                        + name + "/rebuild")));
    }

    @DeleteMapping("/projections/{name}/rebuild")
    ResponseEntity<?> cancel(@PathVariable String name, Principal who) {
        return audited(who, "cancel-rebuild", name, () -> rebuilds.cancel(name)
                ? ResponseEntity.ok(rebuilds.status(name))
                : conflict("No rebuild of " + name + " runs"));
    }

    @GetMapping("/projections/{name}/dead-letters")
    DeadLetters.Page deadLetters(@PathVariable String name, @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size) {
        Paging.check(page, size);
        rebuilds.status(name); // 404 for an unknown projection
        return deadLetters.list(name, page, size);
    }

    @PostMapping("/projections/{name}/dead-letters/retry")
    ResponseEntity<?> retry(@PathVariable String name, Principal who) {
        return audited(who, "retry-dead-letters", name, () -> {
            rebuilds.status(name);
            return ResponseEntity.ok(deadLetters.retry(name));
        });
    }

    @DeleteMapping("/projections/{name}/dead-letters")
    ResponseEntity<?> evict(@PathVariable String name, @RequestParam(required = false) String sequence, Principal who) {
        return audited(who, "evict-dead-letters", name + (sequence == null ? "" : "/" + sequence), () -> {
            rebuilds.status(name);
            return ResponseEntity.ok(Map.of("evicted", deadLetters.evict(name, sequence)));
        });
    }

    /** Compares the live index with the event store; with {@code repair=true} mends what differs and checks again. */
    @PostMapping("/projections/{name}/verify")
    ResponseEntity<?> verify(@PathVariable String name, @RequestParam(defaultValue = "false") boolean repair, Principal who) {
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
    Map<String, Object> verification(@PathVariable String name) {
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("running", reconciliation.progress(name).orElse(null));
        answer.put("last", reconciliation.last(name).orElse(null));
        return answer;
    }

    @GetMapping("/audit")
    List<Map<String, Object>> auditLog(@RequestParam(defaultValue = "50") int limit) {
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
