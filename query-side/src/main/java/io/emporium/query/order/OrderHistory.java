package io.emporium.query.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.query.eventlog.EventLogConnection;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What happened to an order, when: read from the event store itself (not the read model), one step per event of the
 * order, in the words a customer reads. Nothing personal: a sealed address is never shown.
 */
@Component
class OrderHistory {

    @Schema(name = "OrderHistoryStep", description = "One thing that happened to the order.")
    record Step(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant at,
                @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"PLACED", "RESERVED", "PAYMENT_AUTHORIZED",
                        "PAYMENT_DECLINED", "CONFIRMED", "REJECTED", "CANCELLED", "SHIPPED", "PAYMENT_CAPTURE_REQUESTED", "PAYMENT_CAPTURED",
                        "PAYMENT_VOID_REQUESTED", "PAYMENT_VOIDED"}) String what,
                @Schema(nullable = true, description = "A reason, an amount or a count, where the step has one.") String detail) {
    }

    private static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("OrderPlacedEvent", "PLACED"),
            Map.entry("OrderPaymentRequestedEvent", "RESERVED"),
            Map.entry("OrderPaymentAuthorizedEvent", "PAYMENT_AUTHORIZED"),
            Map.entry("OrderPaymentDeclinedEvent", "PAYMENT_DECLINED"),
            Map.entry("OrderConfirmedEvent", "CONFIRMED"),
            Map.entry("OrderRejectedEvent", "REJECTED"),
            Map.entry("OrderCancelledEvent", "CANCELLED"),
            Map.entry("OrderShippedEvent", "SHIPPED"),
            Map.entry("OrderPaymentCaptureRequestedEvent", "PAYMENT_CAPTURE_REQUESTED"),
            Map.entry("OrderPaymentCapturedEvent", "PAYMENT_CAPTURED"),
            Map.entry("OrderPaymentVoidRequestedEvent", "PAYMENT_VOID_REQUESTED"),
            Map.entry("OrderPaymentVoidedEvent", "PAYMENT_VOIDED"));

    private final JdbcTemplate jdbc;
    private final String table;
    private final ObjectMapper json;

    OrderHistory(EventLogConnection eventLog, ObjectMapper json) {
        this.jdbc = eventLog.jdbc();
        this.table = eventLog.table();
        this.json = json;
    }

    List<Step> of(String orderId) {
        return jdbc.query("SELECT payload_type, payload, time_stamp FROM " + table + " WHERE aggregate_identifier = ? AND type = 'Order'"
                + " ORDER BY sequence_number", (rs, n) -> {
            String type = rs.getString(1);
            String simpleName = type.substring(type.lastIndexOf('.') + 1);
            JsonNode payload;
            try {
                payload = json.readTree(rs.getBytes(2));
            } catch (java.io.IOException e) {
                payload = json.createObjectNode();
            }
            return new Step(Instant.parse(rs.getString(3)), STEPS.getOrDefault(simpleName, simpleName), detail(simpleName, payload));
        }, orderId);
    }

    private static String detail(String type, JsonNode payload) {
        return switch (type) {
            case "OrderPlacedEvent" -> payload.path("lines").size() + " line(s)";
            case "OrderPaymentRequestedEvent", "OrderConfirmedEvent" -> amount(payload.path("total"));
            case "OrderPaymentAuthorizedEvent", "OrderPaymentCaptureRequestedEvent", "OrderPaymentCapturedEvent" -> amount(payload.path("amount"));
            case "OrderRejectedEvent", "OrderCancelledEvent", "OrderPaymentDeclinedEvent" -> payload.path("reason").asText(null);
            default -> null;
        };
    }

    private static String amount(JsonNode money) {
        return money.isMissingNode() || money.isNull() ? null : money.path("amount").asText() + " " + money.path("currency").asText();
    }
}
