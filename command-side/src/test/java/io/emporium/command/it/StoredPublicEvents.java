package io.emporium.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.emporium.testsupport.TestDatabase;

/** What the event store holds of a public type, read from the table itself, in the store's order. */
final class StoredPublicEvents {

    /** The internal types the contract publishes. */
    private static final Set<String> PUBLIC = Set.of("ProductCreatedEvent", "ProductPriceChangedEvent", "ProductDetailsUpdatedEvent",
            "ProductDiscontinuedEvent", "StockReservedEvent", "StockShippedEvent", "StockAddedEvent", "StockReleasedEvent",
            "OrderPlacedEvent", "OrderConfirmedEvent", "OrderRejectedEvent", "OrderCancelledEvent", "OrderShippedEvent",
            "OrderPaymentAuthorizedEvent", "OrderPaymentCapturedEvent", "OrderPaymentVoidedEvent");

    record Stored(String id, String aggregateId, long sequence) {
    }

    private StoredPublicEvents() {
    }

    /** Those of these aggregates; at least one. */
    static List<Stored> of(TestDatabase database, List<String> aggregates) throws Exception {
        List<Stored> stored = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT event_identifier, aggregate_identifier, sequence_number, payload_type"
                    + " FROM command.domain_event_entry WHERE aggregate_identifier IN ('" + String.join("','", aggregates) + "')"
                    + " ORDER BY global_index");
            while (rs.next()) {
                String type = rs.getString(4);
                if (PUBLIC.contains(type.substring(type.lastIndexOf('.') + 1))) {
                    stored.add(new Stored(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        assertThat(stored).isNotEmpty();
        return stored;
    }
}
