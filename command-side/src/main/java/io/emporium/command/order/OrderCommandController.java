package io.emporium.command.order;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;

import io.emporium.api.order.CancelOrderCommand;
import io.emporium.support.security.Caller;
import io.emporium.support.security.Callers;
import io.emporium.support.web.ForbiddenException;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderStatus;
import io.emporium.api.order.PlaceOrderCommand;
import io.emporium.api.order.ShipOrderCommand;
import io.emporium.command.personaldata.PersonalData;
import io.emporium.command.web.CommandAnswer;
import io.emporium.command.web.CommandDispatcher;
import io.emporium.support.web.IfMatch;
import io.emporium.support.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Maps order commands from HTTP and back; the rules live in {@link Order} and {@link OrderFulfilmentSaga}. */
@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders")
class OrderCommandController {

    private final CommandDispatcher commands;
    private final Callers callers;
    private final PersonalData personalData;

    OrderCommandController(CommandDispatcher commands, Callers callers, PersonalData personalData) {
        this.commands = commands;
        this.callers = callers;
        this.personalData = personalData;
    }

    /**
     * 202: the order is placed; the saga decides, shortly, whether it is confirmed or rejected. A customer orders for
     * itself: {@code customerId} may be left out, and any other id than its own is refused.
     */
    @PostMapping
    @Operation(operationId = "placeOrder", summary = "Place an order",
            description = "A customer orders for itself (customerId may be left out; another customer's id is 403). The order is"
                    + " PENDING until its stock is reserved and, with a paymentToken, its total authorized by the payment provider"
                    + " (CONFIRMED, priced), or one of them refused (REJECTED, with the reason: a declined card says why), within"
                    + " the reservation timeout: read it on the query service with minVersion=1 to wait for the outcome. A"
                    + " confirmed order's authorization is captured when it ships and voided when it is cancelled.")
    @ApiResponse(responseCode = "202", description = "Accepted: the order is PENDING; its id and version.",
            headers = {@Header(name = "Location", ref = "#/components/headers/Location"), @Header(name = "ETag", ref = "#/components/headers/ETag")})
    @ApiResponse(responseCode = "403", description = "The token's roles do not allow this, it carries no customer id, or customerId is"
            + " another customer's.")
    @ApiResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still being handled.")
    ResponseEntity<OrderRequests.Placed> place(@Valid @RequestBody OrderRequests.Place request) {
        String customerId = customerOf(callers.current(), request.customerId());
        Set<String> products = new HashSet<>();
        for (OrderRequests.Line line : request.lines()) {
            if (!products.add(line.productId())) {
                throw new InvalidParameterException("lines", "product " + line.productId() + " appears on two lines");
            }
        }
        // the id the command answers: a retry with the same Idempotency-Key answers the first request's order
        String sealedAddress = request.shippingAddress() == null ? null : personalData.seal(customerId, request.shippingAddress());
        String orderId = commands.dispatch(new PlaceOrderCommand(UUID.randomUUID().toString(), customerId,
                request.lines().stream().map(l -> new OrderLine(l.productId(), l.quantity())).toList(), request.paymentToken(),
                sealedAddress));
        long version = 0;
        return ResponseEntity.accepted()
                .location(URI.create("/api/orders/" + orderId))
                .eTag(Long.toString(version))
                .body(new OrderRequests.Placed(orderId, OrderStatus.PENDING.name(), version));
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(operationId = "cancelOrder", summary = "Cancel an order",
            description = "A customer cancels its own PENDING or CONFIRMED order; its reservations are released. The reason is optional.")
    ResponseEntity<OrderRequests.Accepted> cancel(@PathVariable String orderId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody(required = false) OrderRequests.Cancel request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank() ? "cancelled by the customer" : request.reason();
        // only customers cancel (AccessRules), and only their own orders: the order checks
        long version = commands.dispatch(new CancelOrderCommand(orderId, reason, IfMatch.expectedVersion(ifMatch),
                customerOf(callers.current(), null)));
        return CommandAnswer.ok(version, new OrderRequests.Accepted(orderId, version));
    }

    private static String customerOf(Caller caller, String asked) {
        String customerId = caller.requireCustomerId();
        if (asked != null && !asked.trim().equals(customerId)) {
            throw new ForbiddenException("A customer places orders for itself only: leave customerId out or give your own.");
        }
        return customerId;
    }

    @PostMapping("/{orderId}/ship")
    @Operation(operationId = "shipOrder", summary = "Ship an order",
            description = "A merchant ships a CONFIRMED order: its reserved units leave the stock.")
    ResponseEntity<OrderRequests.Accepted> ship(@PathVariable String orderId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = commands.dispatch(new ShipOrderCommand(orderId, IfMatch.expectedVersion(ifMatch)));
        return CommandAnswer.ok(version, new OrderRequests.Accepted(orderId, version));
    }
}
