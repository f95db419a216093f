package io.emporium.query.checkout;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import io.emporium.query.basket.Basket;
import io.emporium.query.basket.BasketPricing;
import io.emporium.query.basket.BasketRefusedException;
import io.emporium.query.basket.BasketStore;
import io.emporium.query.basket.BasketVersionConflictException;
import io.emporium.query.basket.BasketView;
import io.emporium.support.security.Callers;
import io.emporium.support.web.ForbiddenException;
import io.emporium.support.web.IfMatch;
import io.emporium.support.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Turns the signed-in customer's basket into an order: prices read again, compared with what the customer saw, the
 * order placed through the command API (which authorizes the payment before it confirms), the basket emptied.
 */
@RestController
@RequestMapping("/api/checkout")
@Tag(name = "checkout")
class CheckoutController {

    private final BasketStore baskets;
    private final BasketPricing pricing;
    private final CheckoutAnswers answers;
    private final OrderPlacement placement;
    private final Callers callers;

    CheckoutController(BasketStore baskets, BasketPricing pricing, CheckoutAnswers answers, OrderPlacement placement, Callers callers) {
        this.baskets = baskets;
        this.pricing = pricing;
        this.answers = answers;
        this.placement = placement;
        this.callers = callers;
    }

    @PostMapping
    @Operation(operationId = "checkout", summary = "Check out the basket",
            description = "Places an order of the basket at the version in If-Match (428 without it, 412 when the basket changed),"
                    + " if it costs expectedTotal now: prices are read again, and when the total differs the answer is 409 with the"
                    + " basket as it is now (new lines and total) and nothing is placed or charged. Otherwise the order is placed"
                    + " (202), its payment authorized before it is confirmed, and the basket emptied. A repeat with the same"
                    + " Idempotency-Key answers the same order; the key used for another checkout is 422.")
    @ApiResponse(responseCode = "202", description = "The order is placed, PENDING; follow it at the Location.",
            headers = @Header(name = "Location", ref = "#/components/headers/Location"))
    @ApiResponse(responseCode = "409", description = "The basket costs another total now, or holds a product that is discontinued or"
            + " unknown: the problem's basket property shows it as it is now. Or a checkout with this Idempotency-Key is still"
            + " being handled.")
    @ApiResponse(responseCode = "412", description = "The basket changed since the version in If-Match.")
    @ApiResponse(responseCode = "422", description = "The basket is empty, the order was refused, or the Idempotency-Key was used for"
            + " another checkout.")
    @ApiResponse(responseCode = "428", description = "If-Match is missing.")
    ResponseEntity<CheckoutAnswer> checkout(
            @Parameter(required = true, description = "1 to 200 characters, new for each checkout; a repeat answers the same order.")
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @Parameter(description = "Required: the basket's version, as its ETag gave it.")
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CheckoutRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new InvalidParameterException("Idempotency-Key", "A checkout needs an Idempotency-Key of 1 to 200 characters.");
        }
        Long expected = IfMatch.expectedVersion(ifMatch);
        if (expected == null) throw BasketRefusedException.ifMatchMissing();
        String customer = callers.current().requireCustomerId();
        String fingerprint = CheckoutAnswers.sha256(expected + "|" + request);

        CheckoutAnswer answer = answers.find(customer, idempotencyKey, fingerprint).orElse(null);
        if (answer == null) {
            Basket basket = baskets.load(customer);
            if (basket.version() != expected) throw new BasketVersionConflictException(expected, basket.version());
            if (basket.isEmpty()) throw new BasketRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Empty basket", "The basket is empty.");
            BasketView priced = pricing.price(basket, true);
            if (!priced.orderable()) {
                throw new CheckoutConflictException("Basket cannot be ordered", "A product in the basket cannot be ordered as it is;"
                        + " see the basket's lines.", priced);
            }
            if (priced.total().compareTo(request.expectedTotal()) != 0) {
                throw new CheckoutConflictException("Total changed", "The basket costs " + priced.total() + " " + priced.currency()
                        + " now, not " + request.expectedTotal() + ": confirm the new total to check out.", priced);
            }
            String token = callers.bearerToken().orElseThrow(() -> new ForbiddenException("Checkout needs the customer's token."));
            String orderId = placement.place(token, idempotencyKey, basket.lines(), request.paymentToken(), request.shippingAddress());
            answer = new CheckoutAnswer(orderId, "PENDING", priced.total(), priced.currency());
            answers.save(customer, idempotencyKey, fingerprint, answer);
        }
        try {
            baskets.replace(customer, expected, List.of());
        } catch (BasketVersionConflictException changedMeanwhile) {
            // emptied already (a repeat), or changed after the checkout: what was added since stays
        }
        return ResponseEntity.accepted().location(URI.create("/api/orders/" + answer.orderId())).body(answer);
    }
}
