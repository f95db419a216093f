package io.emporium.api.order;

public record OrderLine(String productId, int quantity) {
}
