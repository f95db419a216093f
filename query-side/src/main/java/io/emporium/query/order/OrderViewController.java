package io.emporium.query.order;

import java.util.Locale;
import java.util.Set;

import io.emporium.query.elasticsearch.IndexProperties;
import io.emporium.query.elasticsearch.VersionedReads;
import io.emporium.support.web.InvalidParameterException;
import io.emporium.support.web.NotFoundException;
import io.emporium.support.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Order views (role CLIENT): one by id, with read-your-writes through {@code minVersion}, or a filtered list. */
@RestController
@RequestMapping("/api/orders")
class OrderViewController {

    private static final Set<String> STATUSES = Set.of("PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED");

    private final VersionedReads reads;
    private final OrderViews views;
    private final String index;

    OrderViewController(VersionedReads reads, OrderViews views, IndexProperties names) {
        this.reads = reads;
        this.views = views;
        this.index = names.alias(OrdersProjection.NAME);
    }

    @GetMapping("/{orderId}")
    ResponseEntity<OrderView> order(@PathVariable String orderId, @RequestParam(required = false) Long minVersion) {
        OrderView view = reads.get(index, orderId, OrderDocument.class, minVersion, OrderDocument::version)
                .map(OrderView::of)
                .orElseThrow(() -> new NotFoundException("No order " + orderId));
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }

    @GetMapping
    OrderViews.Page orders(@RequestParam(required = false) String customerId,
                           @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "20") int size) {
        Paging.check(page, size);
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw new InvalidParameterException("status", "status must be one of " + STATUSES);
        }
        String customer = customerId == null || customerId.isBlank() ? null : customerId.trim();
        return views.list(customer, wanted, page, size);
    }
}
