package io.emporium.query.order;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import io.emporium.api.order.OrderStatus;
import io.emporium.query.projection.IndexProperties;
import io.emporium.query.elasticsearch.VersionedReads;
import io.emporium.support.security.Caller;
import io.emporium.support.security.Callers;
import io.emporium.support.web.ForbiddenException;
import io.emporium.support.web.InvalidParameterException;
import io.emporium.support.web.NotFoundException;
import io.emporium.support.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.emporium.support.api.ApiContract;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Order views: one by id, with read-your-writes through {@code minVersion}, or a filtered list. Merchants see every
 * order; a customer only its own, and another customer's order does not exist for it (404, whatever its version).
 */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders")
class OrderViewController {

    private static final List<String> STATUSES = Arrays.stream(OrderStatus.values()).map(Enum::name).toList();

    private final VersionedReads reads;
    private final OrderViews views;
    private final String index;
    private final Callers callers;
    private final OrderHistory history;

    OrderViewController(VersionedReads reads, OrderViews views, IndexProperties names, Callers callers, OrderHistory history) {
        this.reads = reads;
        this.views = views;
        this.index = names.alias(OrdersProjection.NAME);
        this.callers = callers;
        this.history = history;
    }

    @GetMapping("/{orderId}")
    @Operation(operationId = "getOrder", summary = "Read an order",
            description = "A customer reads its own orders (another's is 404), a merchant any. With minVersion, waits a few seconds for"
                    + " the read model to reach the version a command answered.")
    @ApiResponse(responseCode = "200", description = "The order.", headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
    @ApiResponse(responseCode = "409", description = "The read model has not reached minVersion within the wait; try again after"
            + " Retry-After seconds.", headers = @Header(name = "Retry-After", ref = "#/components/headers/Retry-After"),
            content = @Content(mediaType = ApiContract.PROBLEM_JSON, schema = @Schema(ref = "#/components/schemas/" + ApiContract.VERSION_NOT_REACHED)))
    ResponseEntity<OrderView> order(@PathVariable String orderId,
                                    @RequestParam(required = false) @Parameter(description = "Wait until the order has reached this version.")
                                    @Schema(minimum = "0") Long minVersion) {
        Caller caller = callers.current();
        Predicate<OrderDocument> visible = order -> caller.isStaff() || Objects.equals(order.customerId(), caller.customerId());
        // a stranger's order is not waited for, so that its version shows nowhere (not even as a 409)
        if (minVersion != null && !caller.isStaff() && reads.get(index, orderId, OrderDocument.class).filter(visible.negate()).isPresent()) {
            throw noOrder(orderId);
        }
        OrderView view = reads.get(index, orderId, OrderDocument.class, minVersion, OrderDocument::version)
                .filter(visible)
                .map(OrderView::of)
                .orElseThrow(() -> noOrder(orderId));
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }

    @GetMapping("/{orderId}/history")
    @Operation(operationId = "getOrderHistory", summary = "What happened to an order, when",
            description = "From the event store itself, one step per event: placed, reserved, payment authorized or declined,"
                    + " confirmed or rejected (with the reason), cancelled, shipped, the payment captured or voided. The order's owner"
                    + " and merchants read it; another customer's order is 404.")
    @ApiResponse(responseCode = "200", description = "The steps, oldest first.")
    List<OrderHistory.Step> history(@PathVariable String orderId) {
        Caller caller = callers.current();
        OrderDocument order = reads.get(index, orderId, OrderDocument.class)
                .filter(o -> caller.isStaff() || Objects.equals(o.customerId(), caller.customerId()))
                .orElseThrow(() -> noOrder(orderId));
        return history.of(order.orderId());
    }

    @GetMapping
    @Operation(operationId = "listOrders", summary = "List orders", description = "A customer lists its own orders, a merchant"
            + " anyone's (customerId); newest first.")
    @ApiResponse(responseCode = "200", description = "One page of orders.")
    @ApiResponse(responseCode = "403", description = "The token's roles do not allow this, it carries no customer id, or customerId is"
            + " another customer's.")
    OrderViews.Page orders(@RequestParam(required = false) @Parameter(description = "Whose orders (merchants; a customer: its own).")
                           @Schema(maxLength = 100) String customerId,
                           @RequestParam(required = false) @Parameter(description = "Only orders in this state.")
                           @Schema(allowableValues = {"PENDING", "CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED"}) String status,
                           @RequestParam(defaultValue = "0") @Schema(minimum = "0", maximum = "9999") int page,
                           @RequestParam(defaultValue = "20") @Schema(minimum = "1", maximum = "100") int size) {
        Paging.check(page, size);
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw new InvalidParameterException("status", "status must be one of " + STATUSES);
        }
        String customer = customerId == null || customerId.isBlank() ? null : customerId.trim();
        Caller caller = callers.current();
        if (!caller.isStaff()) {
            if (customer != null && !customer.equals(caller.customerId())) {
                throw new ForbiddenException("A customer lists its own orders only: leave customerId out or give your own.");
            }
            if (caller.customerId() == null) throw new ForbiddenException("The token carries no customer id.");
            customer = caller.customerId();
        }
        return views.list(customer, wanted, page, size);
    }

    private static NotFoundException noOrder(String orderId) {
        return new NotFoundException("No order " + orderId);
    }
}
