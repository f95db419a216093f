package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

/** A rebuild survives the death of its instance, and with two instances it runs once and both serve the result. */
class RebuildResilienceIT {

    private static final int EVENTS = 20_000;

    @Test
    void aRebuildInterruptedByARestartResumesFromItsTokensAndCompletes() {
        TestDatabase database = QueryService.databaseWithEventStore();
        Catalogue.write(new EventLog(database), 2_000, EVENTS / 2_000);
        String prefix = TestServices.newIndexPrefix();
        // small rebuild batches, so that there is a middle to interrupt
        String[] slowRebuild = {"emporium.projections.rebuild-batch-size=50"};

        long reachedBeforeStop;
        try (QueryService first = QueryService.start(database, prefix, slowRebuild)) {
            first.awaitCaughtUp("products", Duration.ofSeconds(180));
            assertThat(first.asAdmin("POST", "/admin/projections/products/rebuild").statusCode()).isEqualTo(202);
            reachedBeforeStop = awaitRebuildProgress(first, 2_000);
        }

        try (QueryService second = QueryService.start(database, prefix, slowRebuild)) {
            JsonNode resumed = second.projection("products").get("rebuild");
            assertThat(resumed.isNull()).as("the rebuild is still on after the restart").isFalse();
            assertThat(resumed.get("processed").asLong()).isGreaterThanOrEqualTo(reachedBeforeStop);

            awaitGeneration(second, 2, Duration.ofSeconds(240));
            double reRead = second.context.getBean(MeterRegistry.class).counter("emporium.projection.events", "processor", "products-g2").count();
            assertThat(reRead).as("events the restarted rebuild handled").isLessThan(EVENTS).isGreaterThan(0);
            second.awaitCaughtUp("products", Duration.ofSeconds(60));
            assertThat(json(second.get("/api/products/" + Catalogue.id(1999))).get("version").asLong()).isEqualTo(9);
        }
    }

    @Test
    void withTwoInstancesARebuildRunsOnceAndBothServeTheNewGeneration() throws Exception {
        TestDatabase database = QueryService.databaseWithEventStore();
        Catalogue.write(new EventLog(database), 500, 4);
        String prefix = TestServices.newIndexPrefix();
        try (QueryService one = QueryService.start(database, prefix); QueryService two = QueryService.start(database, prefix)) {
            one.awaitCaughtUp("products", Duration.ofSeconds(120));

            // asked on both at the same moment: one wins, the other hears that it runs already
            CompletableFuture<Integer> onOne = CompletableFuture.supplyAsync(() -> one.asAdmin("POST", "/admin/projections/products/rebuild").statusCode());
            CompletableFuture<Integer> onTwo = CompletableFuture.supplyAsync(() -> two.asAdmin("POST", "/admin/projections/products/rebuild").statusCode());
            assertThat(List.of(onOne.get(), onTwo.get())).containsExactlyInAnyOrder(202, 409);

            awaitGeneration(one, 2, Duration.ofSeconds(180));
            awaitGeneration(two, 2, Duration.ofSeconds(30));
            JsonNode seenByOne = one.projection("products");
            JsonNode seenByTwo = two.projection("products");
            assertThat(seenByTwo.get("generation")).isEqualTo(seenByOne.get("generation"));
            assertThat(seenByTwo.get("index")).isEqualTo(seenByOne.get("index"));
            assertThat(seenByOne.get("index").asText()).isEqualTo(prefix + "products_v2");
            one.refresh();
            assertThat(json(one.get("/api/products/search?size=1")).get("total").asLong()).isEqualTo(500);
            assertThat(json(two.get("/api/products/search?size=1")).get("total").asLong()).isEqualTo(500);
            // once: one generation further, and the audit log has one accepted rebuild
            long accepted = 0;
            for (JsonNode entry : json(one.asAdmin("GET", "/admin/audit"))) {
                if (entry.get("action").asText().equals("rebuild") && entry.get("outcome").asText().equals("done")) accepted++;
            }
            assertThat(accepted).isEqualTo(1);
        }
    }

    private static long awaitRebuildProgress(QueryService service, long atLeast) {
        JsonNode rebuild = await("the rebuild past " + atLeast + " events").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> service.projection("products").get("rebuild"), progress -> {
                    assertThat(progress.isNull()).as("the rebuild should not have finished yet").isFalse();
                    return progress.get("processed").asLong() >= atLeast;
                });
        return rebuild.get("processed").asLong();
    }

    private static void awaitGeneration(QueryService service, int generation, Duration timeout) {
        await("generation " + generation + " live").atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> service.projection("products").get("generation").asInt() == generation);
    }
}
