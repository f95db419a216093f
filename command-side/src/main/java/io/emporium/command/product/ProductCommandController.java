package io.emporium.command.product;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import io.emporium.api.product.CreateProductCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductCommandController {

    private final CommandGateway commands;
    private final String currency;

    ProductCommandController(CommandGateway commands, @Value("${emporium.currency}") String currency) {
        this.commands = commands;
        this.currency = currency;
    }

    @PostMapping
    ResponseEntity<ProductAccepted> create(@Valid @RequestBody CreateProductRequest request) {
        String productId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateProductCommand(productId, request.sku().trim(), request.name(), request.description(),
                request.category(), request.price(), currency, request.initialStock()));
        long version = 0; // a product is created by exactly one event
        return ResponseEntity.created(URI.create("/api/products/" + productId))
                .eTag(Long.toString(version))
                .body(new ProductAccepted(productId, version));
    }

    record ProductAccepted(String productId, long version) {
    }
}
