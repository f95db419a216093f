package io.emporium.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.api.Money;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;
import org.axonframework.serialization.Revision;

/**
 * Writes a product history straight into the event table, in the form Axon's JPA storage engine with the Jackson
 * serializer stores (the command side can load these products like any other). Products interleave, as they do in
 * a real store: round r holds each product's r-th event.
 */
final class EventLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLoader() {
    }

    static void load(String jdbcUrl, String user, String password, int products, int eventsPerProduct, long seed) throws SQLException {
        Catalogue catalogue = new Catalogue(seed);
        Random random = new Random(seed);
        String[] ids = new String[products];
        long[] onHand = new long[products];
        Catalogue.Product[] described = new Catalogue.Product[products];
        long total = (long) products * eventsPerProduct;
        long written = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", user, password);
             PreparedStatement insert = c.prepareStatement("INSERT INTO command.domain_event_entry (global_index, aggregate_identifier,"
                     + " sequence_number, type, event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)"
                     + " VALUES (nextval('command.domain_event_entry_global_index_seq'), ?, ?, 'Product', ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            byte[] noMetaData = "{}".getBytes();
            for (int round = 0; round < eventsPerProduct; round++) {
                for (int p = 0; p < products; p++) {
                    Object event;
                    if (round == 0) {
                        ids[p] = new UUID(seed, p).toString();
                        described[p] = catalogue.product(p);
                        onHand[p] = described[p].stock();
                        event = new ProductCreatedEvent(ids[p], "LOAD-" + seed + "-" + p, described[p].name(), described[p].description(),
                                described[p].category(), new Money(described[p].price(), "EUR"), described[p].stock(), catalogueOf(described[p]));
                    } else {
                        event = switch (random.nextInt(4)) {
                            case 0 -> new ProductPriceChangedEvent(ids[p], new Money(catalogue.price(), "EUR"));
                            case 1 -> new ProductDetailsUpdatedEvent(ids[p], described[p].name(), described[p].description() + " Now improved.",
                                    described[p].category(), catalogueOf(described[p]));
                            default -> {
                                int quantity = 1 + random.nextInt(20);
                                onHand[p] += quantity;
                                yield new StockAddedEvent(ids[p], quantity, onHand[p], 0);
                            }
                        };
                    }
                    Revision revision = event.getClass().getAnnotation(Revision.class);
                    insert.setString(1, ids[p]);
                    insert.setLong(2, round);
                    insert.setString(3, UUID.randomUUID().toString());
                    insert.setString(4, event.getClass().getName());
                    insert.setString(5, revision == null ? null : revision.value());
                    insert.setBytes(6, JSON.writeValueAsBytes(event));
                    insert.setBytes(7, noMetaData);
                    insert.setString(8, Instant.now().toString());
                    insert.addBatch();
                    if (++written % 5_000 == 0) {
                        insert.executeBatch();
                        c.commit();
                        Progress.show("loading", written, total, "events");
                    }
                }
            }
            insert.executeBatch();
            c.commit();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Progress.done("loading", String.format("%,d events over %,d products", total, products));
    }

    static CatalogueDetails catalogueOf(Catalogue.Product product) {
        List<AttributeValue> values = new ArrayList<>();
        product.attributes().forEach((name, value) -> values.add(value instanceof String text ? AttributeValue.text(name, text)
                : value instanceof BigDecimal number ? AttributeValue.number(name, number) : AttributeValue.flag(name, (Boolean) value)));
        values.sort(java.util.Comparator.comparing(AttributeValue::attribute));
        return new CatalogueDetails(product.brand(), product.group(), values, List.of());
    }
}
