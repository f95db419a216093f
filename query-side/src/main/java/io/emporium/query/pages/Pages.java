package io.emporium.query.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web pages, static files built on the public API only: the storefront ({@code /}, {@code /products/{id}},
 * {@code /basket}, {@code /checkout}, {@code /orders}, {@code /orders/{id}})
 * and the operations console ({@code /console}, which signs in with an admin token and calls the admin API).
 */
@Controller
class Pages {

    @GetMapping("/products/{productId}")
    String product() {
        return "forward:/product.html";
    }

    @GetMapping("/basket")
    String basket() {
        return "forward:/basket.html";
    }

    @GetMapping("/checkout")
    String checkout() {
        return "forward:/checkout.html";
    }

    @GetMapping({"/orders", "/orders/{orderId}"})
    String orders() {
        return "forward:/orders.html";
    }

    @GetMapping("/console")
    String console() {
        return "forward:/console.html";
    }
}
