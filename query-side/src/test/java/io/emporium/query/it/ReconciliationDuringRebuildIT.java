package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static io.emporium.query.it.QueryService.json;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduled reconciliation (every second here) leaves a projection alone while it is being rebuilt, and goes on
 * once the rebuild is over: no verification of products completes while a slow rebuild runs, though without the
 * rebuild one completes every couple of seconds; after the rebuild is cancelled, the next one repairs a document
 * deleted from the live index behind the service's back.
 */
class ReconciliationDuringRebuildIT {

    private static final int PRODUCTS = 10_000; // a rebuild in batches of one takes tens of seconds over them

    private static QueryService service;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore("emporium.reconciliation.interval=1s");
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void waitsWhileTheProjectionIsRebuiltAndGoesOnAfterwards() {
        List<Map.Entry<String, Object>> created = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            String id = "p-" + i;
            created.add(Map.entry(id, new ProductCreatedEvent(id, "SKU-" + i, "Product " + i, "", "test",
                    new Money(BigDecimal.ONE, "EUR"), 1, CatalogueDetails.NONE)));
        }
        service.events().appendAll("Product", created);
        service.awaitCaughtUp("products", Duration.ofSeconds(120));
        JsonNode baseline = await("a scheduled verification of every product").atMost(Duration.ofSeconds(120))
                .until(ReconciliationDuringRebuildIT::lastVerification, last -> last.path("aggregatesChecked").asLong() == PRODUCTS);

        assertThat(service.asAdmin("POST", "/admin/projections/products/rebuild?batchSize=1").statusCode()).isEqualTo(202);
        await("the verification under way when the rebuild began").atMost(Duration.ofSeconds(60))
                .until(() -> json(service.asAdmin("GET", "/admin/projections/products/verify")).get("running").isNull());
        String before = lastVerification().get("at").asText();
        String document = service.indexPrefix + "products/_doc/p-0";
        assertThat(QueryService.elasticsearch("DELETE", document + "?refresh=true", null).statusCode()).isEqualTo(200);

        QueryService.sleep(Math.max(3_000, 2 * baseline.get("millis").asLong() + 1_500)); // room for one more verification
        assertThat(service.projection("products").get("rebuild").isNull())
                .as("the rebuild still runs (else this test proves nothing)").isFalse();
        assertThat(lastVerification().get("at").asText()).as("the last verification, while the rebuild runs").isEqualTo(before);
        assertThat(QueryService.elasticsearch("GET", document, null).statusCode()).isEqualTo(404);

        assertThat(service.asAdmin("DELETE", "/admin/projections/products/rebuild").statusCode()).isEqualTo(200);
        await("the scheduled reconciliation repairs the live index").atMost(Duration.ofSeconds(60))
                .until(() -> QueryService.elasticsearch("GET", document, null).statusCode() == 200);
    }

    private static JsonNode lastVerification() {
        return json(service.asAdmin("GET", "/admin/projections/products/verify")).get("last");
    }
}
