package io.emporium.query.it;

import static io.emporium.query.it.QueryService.encode;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read model end to end inside the query service: events in the event table, projected into real
 * Elasticsearch, read over HTTP. A small catalogue whose facet counts are worked out by hand below.
 */
class ReadModelApiIT {

    private static final Map<String, String> ids = new LinkedHashMap<>();
    private static QueryService service;
    private static EventLog events;
    private static String orderConfirmed;
    private static String orderRejected;

    @BeforeAll
    static void projectACatalogue() throws Exception {
        TestDatabase database = QueryService.databaseWithEventStore();
        events = new EventLog(database);
        service = QueryService.start(database, TestServices.newIndexPrefix(), "emporium.read-your-writes.max-wait=500ms");

        Map<String, Long> versions = new HashMap<>();
        product(versions, "Stoneware Coffee Mug", "A heavy mug that keeps coffee warm", "kitchen", "12.50", 40);
        product(versions, "Espresso Cup Set", "Four small cups for strong espresso", "kitchen", "24.00", 0);
        product(versions, "Waterproof Trail Jacket", "A light jacket for wet mountain days", "outdoor", "129.90", 12);
        product(versions, "Trail Running Shoes", "Grippy shoes for muddy trails", "outdoor", "89.00", 5);
        product(versions, "Camping Lantern", "A bright lantern for the tent", "outdoor", "34.99", 7);
        product(versions, "Cast Iron Skillet", "Sears steak, bakes bread", "kitchen", "45.00", 3);
        product(versions, "Wool Hiking Socks", "Warm socks that do not itch", "apparel", "9.99", 100);
        product(versions, "Linen Shirt", "Cool shirt for hot days", "apparel", "55.00", 0);
        product(versions, "Ceramic Teapot", "Brews six cups of tea", "kitchen", "29.50", 6);
        product(versions, "Coffee Grinder", "Burr grinder for even coffee grounds", "kitchen", "65.00", 2);
        String lantern = ids.get("Camping Lantern");
        versions.put(lantern, events.product(lantern, new ProductDiscontinuedEvent(lantern)));
        String mug = ids.get("Stoneware Coffee Mug");
        Money mugPrice = new Money(new BigDecimal("12.50"), "EUR");
        versions.put(mug, events.product(mug, new StockReservedEvent(mug, "order-1", 3, mugPrice, 40, 3)));

        orderConfirmed = UUID.randomUUID().toString();
        events.order(orderConfirmed, new OrderPlacedEvent(orderConfirmed, "customer-7", List.of(new OrderLine(mug, 3))));
        long confirmedVersion = events.order(orderConfirmed, new OrderConfirmedEvent(orderConfirmed,
                List.of(new PricedOrderLine(mug, 3, mugPrice)), new Money(new BigDecimal("37.50"), "EUR")));
        orderRejected = UUID.randomUUID().toString();
        events.order(orderRejected, new OrderPlacedEvent(orderRejected, "customer-7", List.of(new OrderLine(lantern, 1))));
        long rejectedVersion = events.order(orderRejected, new OrderRejectedEvent(orderRejected, "product is discontinued"));

        service.awaitProducts(versions, Duration.ofSeconds(30));
        service.awaitOrders(Map.of(orderConfirmed, confirmedVersion, orderRejected, rejectedVersion), Duration.ofSeconds(30));
        service.refresh();
    }

    private static void product(Map<String, Long> versions, String name, String description, String category, String price, int stock)
            throws InterruptedException {
        String id = UUID.randomUUID().toString();
        ids.put(name, id);
        versions.put(id, events.product(id, new ProductCreatedEvent(id, "SKU-" + ids.size(), name, description, category,
                new Money(new BigDecimal(price), "EUR"), stock, CatalogueDetails.NONE)));
        Thread.sleep(5); // distinct creation times for the "newest" order
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void findsAProductByAMisspelledWord() {
        assertThat(names(search("q=stonewear"))).first().isEqualTo("Stoneware Coffee Mug");
        assertThat(names(search("q=jackit"))).containsExactly("Waterproof Trail Jacket");
    }

    @Test
    void theLastWordTypedMatchesAsAPrefix() {
        assertThat(names(search("q=coff"))).containsExactlyInAnyOrder("Stoneware Coffee Mug", "Coffee Grinder");
        assertThat(names(search("q=" + encode("trail runn")))).first().isEqualTo("Trail Running Shoes");
    }

    @Test
    void withoutTextEverythingActiveMatches() {
        JsonNode all = search("size=100");
        assertThat(all.get("total").asLong()).isEqualTo(9);
        assertThat(names(all)).doesNotContain("Camping Lantern");
    }

    @Test
    void discontinuedProductsAreLeftOutUnlessAskedFor() {
        assertThat(search("q=lantern").get("total").asLong()).isZero();
        assertThat(names(search("q=lantern&includeDiscontinued=true"))).containsExactly("Camping Lantern");
    }

    @Test
    void filtersByCategoriesPriceAndStock() {
        assertThat(search("category=kitchen&category=apparel&size=100").get("total").asLong()).isEqualTo(7);
        assertThat(names(search("minPrice=20&maxPrice=60&size=100")))
                .containsExactlyInAnyOrder("Espresso Cup Set", "Cast Iron Skillet", "Ceramic Teapot", "Linen Shirt");
        assertThat(names(search("inStock=true&size=100"))).hasSize(7).doesNotContain("Espresso Cup Set", "Linen Shirt");
        assertThat(names(search("inStock=false&size=100"))).containsExactlyInAnyOrder("Espresso Cup Set", "Linen Shirt");
    }

    @Test
    void facetsCountWithTheOtherFiltersApplied() {
        JsonNode kitchen = search("category=kitchen");
        assertThat(kitchen.get("total").asLong()).isEqualTo(5);
        // the category facet ignores the category filter itself, so the other categories stay visible
        assertThat(counts(kitchen.get("facets").get("categories"), "value"))
                .containsEntry("kitchen", 5L).containsEntry("outdoor", 2L).containsEntry("apparel", 2L);
        // the price facet applies the category filter
        assertThat(priceCounts(kitchen)).containsEntry("10.00", 2L).containsEntry("25.00", 2L).containsEntry("50.00", 1L)
                .containsEntry("0.00", 0L).containsEntry("100.00", 0L);

        JsonNode cheap = search("maxPrice=25");
        // ...and the price facet ignores the price filter: it counts every price band over all matches
        assertThat(priceCounts(cheap)).containsEntry("0.00", 1L).containsEntry("10.00", 2L).containsEntry("25.00", 2L)
                .containsEntry("50.00", 3L).containsEntry("100.00", 1L);
        assertThat(counts(cheap.get("facets").get("categories"), "value")).containsEntry("kitchen", 2L).containsEntry("apparel", 1L);
    }

    @Test
    void sortsByPriceNameAndNewest() {
        assertThat(names(search("sort=price_asc&size=3"))).containsExactly("Wool Hiking Socks", "Stoneware Coffee Mug", "Espresso Cup Set");
        assertThat(names(search("sort=price_desc&size=2"))).containsExactly("Waterproof Trail Jacket", "Trail Running Shoes");
        assertThat(names(search("sort=name&size=2"))).containsExactly("Cast Iron Skillet", "Ceramic Teapot");
        assertThat(names(search("sort=newest&size=2"))).containsExactly("Coffee Grinder", "Ceramic Teapot");
    }

    @Test
    void pagesThroughResultsWithoutOverlap() {
        List<String> first = names(search("sort=name&size=4&page=0"));
        List<String> second = names(search("sort=name&size=4&page=1"));
        List<String> third = names(search("sort=name&size=4&page=2"));
        assertThat(first).hasSize(4);
        assertThat(second).hasSize(4).doesNotContainAnyElementsOf(first);
        assertThat(third).hasSize(1);
        assertThat(search("size=4&page=1").get("page").asInt()).isEqualTo(1);
    }

    @Test
    void pagingBeyondTheLimitsIsA400() {
        for (String paging : List.of("size=0", "size=101", "page=-1", "page=100&size=100", "page=10000&size=1", "size=abc")) {
            assertProblem(service.get("/api/products/search?" + paging), 400);
        }
    }

    @Test
    void invalidParametersAre400() {
        for (String query : List.of("sort=cheapest", "minPrice=50&maxPrice=10", "minPrice=abc", "inStock=maybe",
                "q=" + "x".repeat(600))) {
            assertProblem(service.get("/api/products/search?" + query), 400);
        }
        // a value that does not convert is named, with what it should be
        JsonNode wrongType = json(service.get("/api/products/search?minPrice=abc"));
        assertThat(wrongType.path("detail").asText()).isEqualTo("minPrice must be a number");
        assertThat(wrongType.path("errors").get(0).path("field").asText()).isEqualTo("minPrice");
        assertThat(json(service.get("/api/products/search?inStock=maybe")).path("detail").asText()).isEqualTo("inStock must be true or false");
    }

    @Test
    void hitsCarryHighlightsOfWhatMatchedAlsoWhenMisspelledOrStillBeingTyped() {
        for (String query : List.of("coffee", "cofee", "coff")) {
            JsonNode item = search("q=" + query).get("items").get(0);
            assertThat(item.get("highlights").toString()).as("highlights for '%s'", query).contains("<em>Coffee</em>");
        }
    }

    @Test
    void suggestsActiveProductsByAnyWordOfTheirName() {
        JsonNode suggestions = json(service.get("/api/products/suggest?prefix=cof")).get("suggestions");
        List<String> names = new ArrayList<>();
        suggestions.forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("Coffee Grinder", "Stoneware Coffee Mug");
        assertThat(json(service.get("/api/products/suggest?prefix=lant")).get("suggestions")).isEmpty();
        assertProblem(service.get("/api/products/suggest?prefix="), 400);
    }

    @Test
    void hostileSearchTextNeverCausesAServerError() {
        List<String> hostile = List.of("\"", "\"unbalanced", "\\", "\\\\\\", "a AND OR NOT b", "title:(foo", "*", "?", "~~~~",
                "/regex.*/", "{!lucene}x", "a^999999", "[* TO *]", "😀☕ mug", "ü\u0000ß", "'; DROP TABLE products; --",
                "<script>alert(1)</script>", "%%%", "(((((((((", "a".repeat(500), "coffee ".repeat(70), "\t\n\r", "NaN", "-1");
        for (String text : hostile) {
            HttpResponse<String> response = service.get("/api/products/search?q=" + encode(text));
            assertThat(response.statusCode()).as(text).isIn(200, 400);
            response = service.get("/api/products/suggest?prefix=" + encode(text.length() > 100 ? text.substring(0, 100) : text));
            assertThat(response.statusCode()).as("suggest " + text).isIn(200, 400);
        }
        HttpResponse<String> tenKilobytes = service.get("/api/products/search?q=" + encode("z".repeat(10 * 1024)));
        assertThat(tenKilobytes.statusCode()).isEqualTo(400);
    }

    @Test
    void showsStockAsEventsArrive() {
        JsonNode mug = json(service.get("/api/products/" + ids.get("Stoneware Coffee Mug")));
        assertThat(mug.get("onHand").asLong()).isEqualTo(40);
        assertThat(mug.get("reserved").asLong()).isEqualTo(3);
        assertThat(mug.get("available").asLong()).isEqualTo(37);
        assertThat(mug.get("price").decimalValue()).isEqualByComparingTo("12.50");
    }

    @Test
    void readByIdWaitsForTheVersionAskedForThenSaysWhatItHas() {
        String mug = ids.get("Stoneware Coffee Mug");
        HttpResponse<String> reached = service.get("/api/products/" + mug + "?minVersion=1");
        assertThat(reached.statusCode()).isEqualTo(200);
        assertThat(reached.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> notYet = service.get("/api/products/" + mug + "?minVersion=7");
        assertProblem(notYet, 409);
        assertThat(notYet.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(notYet).get("currentVersion").asLong()).isEqualTo(1);

        assertProblem(service.get("/api/products/" + UUID.randomUUID()), 404);
    }

    @Test
    void ordersShowStatusLinesTotalAndReason() {
        JsonNode confirmed = json(service.getAsMerchant("/api/orders/" + orderConfirmed));
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("total").decimalValue()).isEqualByComparingTo("37.50");
        assertThat(confirmed.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("12.50");

        JsonNode rejected = json(service.getAsMerchant("/api/orders/" + orderRejected));
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asText()).isEqualTo("product is discontinued");
    }

    @Test
    void ordersAreListedByCustomerAndStatus() {
        JsonNode mine = json(service.getAsMerchant("/api/orders?customerId=customer-7"));
        assertThat(mine.get("total").asLong()).isEqualTo(2);
        JsonNode rejected = json(service.getAsMerchant("/api/orders?customerId=customer-7&status=rejected"));
        assertThat(rejected.get("items")).hasSize(1);
        assertThat(rejected.get("items").get(0).get("orderId").asText()).isEqualTo(orderRejected);
        assertProblem(service.getAsMerchant("/api/orders?status=LOST"), 400);
    }

    @Test
    void ordersNeedAToken() {
        assertProblem(service.get("/api/orders/" + orderConfirmed), 401);
        assertProblem(service.get("/api/orders", "Authorization", "Basic Y2xpZW50OnNlY3JldA=="), 401);
    }

    private static JsonNode search(String query) {
        HttpResponse<String> response = service.get("/api/products/search?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> names(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private static Map<String, Long> counts(JsonNode buckets, String key) {
        Map<String, Long> counts = new HashMap<>();
        buckets.forEach(b -> counts.put(b.get(key).asText(), b.get("count").asLong()));
        return counts;
    }

    private static Map<String, Long> priceCounts(JsonNode result) {
        Map<String, Long> counts = new HashMap<>();
        result.get("facets").get("priceRanges").forEach(b ->
                counts.put(b.get("from").decimalValue().setScale(2).toPlainString(), b.get("count").asLong()));
        return counts;
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
}
