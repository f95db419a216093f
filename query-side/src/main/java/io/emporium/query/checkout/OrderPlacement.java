package io.emporium.query.checkout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.query.basket.Basket;
import io.emporium.query.basket.BasketRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Places the order of a checkout through the command service's API, as the customer (their token) and with an
 * Idempotency-Key derived from the checkout's: the command service answers a repeat with the order of the first
 * request, so a checkout retried after a crash anywhere places one order.
 */
@Component
class OrderPlacement {

    private final CheckoutProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;

    OrderPlacement(CheckoutProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    /** @return the id of the order placed (or placed before with the same key) */
    String place(String bearerToken, String idempotencyKey, List<Basket.Line> lines, String paymentToken, ShippingAddress address) {
        ObjectNode body = json.createObjectNode();
        var orderLines = body.putArray("lines");
        lines.forEach(line -> orderLines.addObject().put("productId", line.productId()).put("quantity", line.quantity()));
        body.put("paymentToken", paymentToken);
        body.set("shippingAddress", json.valueToTree(address));
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(properties.commandUrl() + "/api/orders"))
                    .timeout(properties.timeout())
                    .header("Authorization", "Bearer " + bearerToken)
                    .header("Idempotency-Key", "checkout-" + idempotencyKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CheckoutUnavailableException("the command service did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckoutUnavailableException("interrupted");
        }
        int status = answer.statusCode();
        if (status == 202) return read(answer).path("orderId").asText();
        if (status >= 500 || status == 429 || status == 401) {
            // 401: the command service does not accept a token this service accepted (their trust differs): our trouble
            throw new CheckoutUnavailableException("the command service answered " + status);
        }
        String detail = read(answer).path("detail").asText("the order was refused (" + status + ")");
        if (status == 409) throw new BasketRefusedException(HttpStatus.CONFLICT, "Checkout in progress", detail);
        if (status == 403) throw new BasketRefusedException(HttpStatus.FORBIDDEN, "Forbidden", detail);
        throw new BasketRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Order refused", detail);
    }

    private JsonNode read(HttpResponse<String> answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new CheckoutUnavailableException("the command service's answer is not JSON (" + answer.statusCode() + ")");
        }
    }
}
