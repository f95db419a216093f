package io.emporium.command.product;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;

import io.emporium.api.Money;
import io.emporium.api.product.AddStockCommand;
import io.emporium.api.product.ChangeProductPriceCommand;
import io.emporium.api.product.CreateProductCommand;
import io.emporium.api.product.DiscontinueProductCommand;
import io.emporium.api.product.UpdateProductDetailsCommand;
import io.emporium.command.web.CommandAnswer;
import io.emporium.command.web.CommandDispatcher;
import io.emporium.support.web.IfMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Maps product commands from HTTP and back; the rules live in {@link Product}. */
@RestController
@RequestMapping("/api/products")
@Tag(name = "products")
class ProductCommandController {

    private final CommandDispatcher commands;
    private final String currency;

    ProductCommandController(CommandDispatcher commands, @Value("${emporium.currency}") String currency) {
        this.commands = commands;
        this.currency = currency;
    }

    @PostMapping
    @Operation(operationId = "createProduct", summary = "Create a product",
            description = "Adds a product to the catalogue with its first stock. Its SKU is unique (upper-cased); the price is in the"
                    + " shop's currency. The product is searchable on the query service shortly after (read it there with"
                    + " minVersion=0 to wait for it). Attribute values must be of declared attributes (`POST /api/attributes`), of"
                    + " their declared type.")
    @ApiResponse(responseCode = "201", description = "Created: the product's id and version.",
            headers = {@Header(name = "Location", ref = "#/components/headers/Location"), @Header(name = "ETag", ref = "#/components/headers/ETag")})
    @ApiResponse(responseCode = "409", description = "The SKU belongs to another product, or a request with the same Idempotency-Key"
            + " is still being handled.")
    ResponseEntity<ProductRequests.Accepted> create(@Valid @RequestBody ProductRequests.Create request) {
        // the id the command answers: a retry with the same Idempotency-Key answers the first request's product
        String productId = commands.dispatch(new CreateProductCommand(UUID.randomUUID().toString(), request.sku().toUpperCase(Locale.ROOT), request.name().trim(),
                request.description(), CategoryPath.normalised(request.category()), new Money(request.price(), currency), request.initialStock(),
                CatalogueFields.of(request)));
        long version = 0; // a product is created by exactly one event
        return ResponseEntity.created(URI.create("/api/products/" + productId))
                .eTag(Long.toString(version))
                .body(new ProductRequests.Accepted(productId, version));
    }

    @PutMapping("/{productId}/details")
    @Operation(operationId = "updateProductDetails", summary = "Change a product's name, description, category, brand, group, attributes and images",
            description = "Replaces all of them; attribute values must be of declared attributes, of their declared type.")
    ResponseEntity<ProductRequests.Accepted> updateDetails(@PathVariable String productId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                           @Valid @RequestBody ProductRequests.Details request) {
        return answer(productId, new UpdateProductDetailsCommand(productId, request.name().trim(), request.description(),
                CategoryPath.normalised(request.category()), CatalogueFields.of(request), IfMatch.expectedVersion(ifMatch)));
    }

    @PutMapping("/{productId}/price")
    @Operation(operationId = "changeProductPrice", summary = "Change a product's price",
            description = "Orders placed from now on are priced at the new price; confirmed orders keep theirs.")
    ResponseEntity<ProductRequests.Accepted> changePrice(@PathVariable String productId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Valid @RequestBody ProductRequests.Price request) {
        return answer(productId, new ChangeProductPriceCommand(productId, new Money(request.price(), currency),
                IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{productId}/stock")
    @Operation(operationId = "addProductStock", summary = "Receive stock", description = "Adds received units to the stock on hand.")
    ResponseEntity<ProductRequests.Accepted> addStock(@PathVariable String productId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Valid @RequestBody ProductRequests.Stock request) {
        return answer(productId, new AddStockCommand(productId, request.quantity(), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{productId}/discontinue")
    @Operation(operationId = "discontinueProduct", summary = "Discontinue a product",
            description = "It can no longer be ordered; orders that hold its stock keep it. Search shows it as DISCONTINUED.")
    ResponseEntity<ProductRequests.Accepted> discontinue(@PathVariable String productId, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return answer(productId, new DiscontinueProductCommand(productId, IfMatch.expectedVersion(ifMatch)));
    }

    private ResponseEntity<ProductRequests.Accepted> answer(String productId, Object command) {
        long version = commands.dispatch(command);
        return CommandAnswer.ok(version, new ProductRequests.Accepted(productId, version));
    }
}
