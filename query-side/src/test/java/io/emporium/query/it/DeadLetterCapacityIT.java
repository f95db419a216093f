package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A full dead-letter queue drops (and counts) the next letter instead of stopping the projection. */
class DeadLetterCapacityIT {

    private static final Money PRICE = new Money(BigDecimal.TEN, "EUR");

    private static QueryService service;
    private static EventLog events;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore("emporium.projections.dead-letter-max-sequences=1");
        events = service.events();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void aFullDeadLetterQueueDropsTheLetterAndTheProjectionGoesOn() {
        events.product("poison-1", poison("poison-1"));
        await("the first refused product is dead-lettered").atMost(Duration.ofSeconds(30)).until(() -> deadLetters() == 1);

        events.product("poison-2", poison("poison-2"));
        events.product("healthy", new ProductCreatedEvent("healthy", "SKU-H", "Healthy Kettle", "", "kitchen", PRICE, 3, CatalogueDetails.NONE));

        service.awaitProducts(Map.of("healthy", 0L), Duration.ofSeconds(30));
        assertThat(deadLetters()).as("dead letters (room for one sequence)").isEqualTo(1);
        await("the dropped letter is counted").atMost(Duration.ofSeconds(10)).until(() -> service.asAdmin("GET", "/actuator/prometheus").body()
                .matches("(?s).*emporium_projection_dead_letters_dropped_total\\{processor=\"products-g1\"\\} 1\\.0.*"));
    }

    private static long deadLetters() {
        return json(service.asAdmin("GET", "/admin/projections/products/dead-letters")).get("total").asLong();
    }

    /** Stored before the command API refused it: a category longer than a keyword can hold. */
    private static ProductCreatedEvent poison(String id) {
        return new ProductCreatedEvent(id, "SKU-" + id, "Poison " + id, "", "x".repeat(40_000), PRICE, 1, CatalogueDetails.NONE);
    }
}
