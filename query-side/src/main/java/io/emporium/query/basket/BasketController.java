package io.emporium.query.basket;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.emporium.query.product.ProductDocument;
import io.emporium.support.security.Callers;
import io.emporium.support.web.IfMatch;
import io.emporium.support.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in customer's basket: read it, set a line's quantity, empty it; every change against the version shown. */
@RestController
@RequestMapping("/api/basket")
@Tag(name = "basket")
@Validated
class BasketController {

    /** As many units as an order line may have. */
    static final int MAX_QUANTITY = 1000;

    private final BasketStore baskets;
    private final BasketPricing pricing;
    private final BasketProperties limits;
    private final Callers callers;

    BasketController(BasketStore baskets, BasketPricing pricing, BasketProperties limits, Callers callers) {
        this.baskets = baskets;
        this.pricing = pricing;
        this.limits = limits;
        this.callers = callers;
    }

    @Schema(name = "BasketLineChange", description = "How many units of the product the basket holds from now on; 0 removes the line.")
    record Quantity(@NotNull @Min(0) @Max(MAX_QUANTITY) Integer quantity) {
    }

    @GetMapping
    @Operation(operationId = "getBasket", summary = "The signed-in customer's basket",
            description = "Each line with its product's current name, price and availability; the total of the lines that can be"
                    + " ordered. The ETag is the basket's version: send it as If-Match with a change. 503 while the basket store is away.")
    @ApiResponse(responseCode = "200", description = "The basket (an empty one has version 0).",
            headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
    ResponseEntity<BasketView> basket() {
        return answer(pricing.price(baskets.load(customer()), false));
    }

    @PutMapping("/lines/{productId}")
    @Operation(operationId = "setBasketLine", summary = "Set how many units of a product the basket holds",
            description = "If-Match (the basket's ETag) is required: 428 without it, 412 when the basket changed meanwhile (read it"
                    + " again). A product the read model does not know is 404, a discontinued one 422; removing a line"
                    + " (quantity 0) always works. A basket holds up to 50 products, 1 to 1000 units of each; it expires"
                    + " after 30 days without a change (EMPORIUM_BASKET_IDLE_EXPIRY).")
    @ApiResponse(responseCode = "200", description = "The basket after the change.",
            headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
    @ApiResponse(responseCode = "412", description = "The basket changed since the version in If-Match; its current version is in the answer.")
    @ApiResponse(responseCode = "404", description = "There is no such product.")
    @ApiResponse(responseCode = "422", description = "The product is discontinued, or the basket is full.")
    @ApiResponse(responseCode = "428", description = "If-Match is missing.")
    ResponseEntity<BasketView> setLine(@PathVariable @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._-]+$") String productId,
                                       @Parameter(description = "Required: the basket's version, as its ETag gave it (\"0\" for an empty one).")
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @Valid @RequestBody Quantity request) {
        long expected = expectedVersion(ifMatch);
        String customer = customer();
        Basket basket = baskets.load(customer);
        if (basket.version() != expected) throw new BasketVersionConflictException(expected, basket.version());
        List<Basket.Line> lines = new ArrayList<>(basket.lines());
        boolean present = lines.removeIf(line -> line.productId().equals(productId));
        if (request.quantity() > 0) {
            ProductDocument product = pricing.product(productId).orElseThrow(() -> new NotFoundException("There is no product " + productId + "."));
            if (!ProductDocument.ACTIVE.equals(product.status())) {
                throw new BasketRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Discontinued product",
                        product.name() + " is no longer sold.");
            }
            if (!present && lines.size() >= limits.maxLines()) {
                throw new BasketRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Basket full",
                        "A basket holds at most " + limits.maxLines() + " products; check out or remove one first.");
            }
            lines.add(new Basket.Line(productId, request.quantity()));
        }
        long version = baskets.replace(customer, expected, lines);
        return answer(pricing.price(new Basket(version, lines), false));
    }

    @DeleteMapping
    @Operation(operationId = "emptyBasket", summary = "Empty the basket",
            description = "If-Match (the basket's ETag) is required: 428 without it, 412 when the basket changed meanwhile.")
    @ApiResponse(responseCode = "200", description = "The empty basket, at its next version.",
            headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
    @ApiResponse(responseCode = "412", description = "The basket changed since the version in If-Match.")
    @ApiResponse(responseCode = "428", description = "If-Match is missing.")
    ResponseEntity<BasketView> empty(@Parameter(description = "Required: the basket's version, as its ETag gave it (\"0\" for an empty one).")
                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = baskets.replace(customer(), expectedVersion(ifMatch), List.of());
        return answer(pricing.price(new Basket(version, List.of()), false));
    }

    private static long expectedVersion(String ifMatch) {
        Long expected = IfMatch.expectedVersion(ifMatch);
        if (expected == null) throw BasketRefusedException.ifMatchMissing();
        return expected;
    }

    private String customer() {
        return callers.current().requireCustomerId();
    }

    private static ResponseEntity<BasketView> answer(BasketView basket) {
        return ResponseEntity.ok().eTag(Long.toString(basket.version())).body(basket);
    }
}
