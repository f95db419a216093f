package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue end to end: attributes declared and products with brands, variants, attribute values and category
 * paths created through the command API, then found through the query API by facets and filters, one hit per
 * article, with English stemming; a synonym rule defined through the API is an event of its own and changes search
 * without a rebuild; a search that finds nothing is counted.
 */
class CatalogueSearchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;
    private static final List<String> mugs = new ArrayList<>();
    private static String kettle;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(Map.of());
        created(command("POST", "/api/attributes", "{\"name\":\"colour\",\"label\":\"Colour\",\"type\":\"TEXT\",\"filterable\":true}"));
        created(command("POST", "/api/attributes", "{\"name\":\"capacity\",\"label\":\"Capacity\",\"type\":\"NUMBER\",\"unit\":\"l\",\"filterable\":true}"));
        for (String colour : List.of("red", "blue", "green")) {
            mugs.add(product("{\"sku\":\"MUG-" + colour + "\",\"name\":\"Enamel Mug\",\"description\":\"A camp mug\",\"category\":\"home/kitchen/mugs\","
                    + "\"price\":" + (colour.equals("red") ? "9.00" : "10.00") + ",\"initialStock\":5,\"brand\":\"Acme\",\"group\":\"enamel-mug\","
                    + "\"attributes\":{\"colour\":\"" + colour + "\",\"capacity\":0.35}}"));
        }
        kettle = product("{\"sku\":\"KETTLE-1\",\"name\":\"Copper Kettle\",\"description\":\"Whistles\",\"category\":\"home/kitchen/kettles\","
                + "\"price\":40.00,\"initialStock\":2,\"brand\":\"Lumo\",\"attributes\":{\"colour\":\"red\",\"capacity\":1.5}}");
        product("{\"sku\":\"CAMP-MUGS\",\"name\":\"Camp Mugs Set\",\"description\":\"Four of them\",\"category\":\"outdoor\","
                + "\"price\":25.00,\"initialStock\":3}");
        // the query service reads declared attributes from the event log every second
        await("the declared attributes").atMost(Duration.ofSeconds(10)).until(() -> json(query("/api/attributes")).size() == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) stack.close();
    }

    @Test
    void variantsAreOneHitWithFacetsOfBrandsCategoryLevelsAndAttributes() throws Exception {
        JsonNode found = search("q=enamel");

        assertThat(found.path("total").asLong()).as("products").isEqualTo(3);
        assertThat(found.path("articles").asLong()).as("articles").isEqualTo(1);
        assertThat(found.path("items")).hasSize(1);
        JsonNode hit = found.path("items").get(0);
        assertThat(hit.path("variants")).extracting(v -> v.path("productId").asText()).containsExactlyInAnyOrderElementsOf(mugs);
        assertThat(hit.path("variants").get(0).path("price").decimalValue()).as("cheapest first").isEqualByComparingTo("9.00");
        assertThat(hit.path("brand").asText()).isEqualTo("Acme");
        assertThat(hit.path("attributes").path("capacity").decimalValue()).isEqualByComparingTo("0.35");
        assertThat(counts(found.path("facets").path("brands"))).containsExactly(Map.entry("Acme", 3L));
        assertThat(found.path("facets").path("categories")).extracting(c -> c.path("value").asText() + "@" + c.path("depth").asInt() + "=" + c.path("count").asLong())
                .contains("home@1=3", "home/kitchen@2=3", "home/kitchen/mugs@3=3");
        assertThat(counts(attributeFacet(found, "colour"))).containsOnly(Map.entry("red", 1L), Map.entry("blue", 1L), Map.entry("green", 1L));

        assertThat(search("q=enamel&collapse=false").path("items")).as("every variant its own hit").hasSize(3);
    }

    @Test
    void eachFacetIsCountedWithTheOtherFiltersAndFiltersNarrowTheHits() throws Exception {
        JsonNode red = search("category=home&attr=colour:red");

        assertThat(red.path("items")).extracting(i -> i.path("productId").asText()).containsExactlyInAnyOrder(mugs.get(0), kettle);
        // its own facet ignores the colour filter, so the alternatives stay visible; the brand facet is of red things only
        assertThat(counts(attributeFacet(red, "colour"))).containsOnly(Map.entry("red", 2L), Map.entry("blue", 1L), Map.entry("green", 1L));
        assertThat(counts(red.path("facets").path("brands"))).containsOnly(Map.entry("Acme", 1L), Map.entry("Lumo", 1L));
        assertThat(attributeFacet(red, "capacity").findValuesAsText("value")).containsExactlyInAnyOrder("0.35", "1.5");

        JsonNode lumo = search("brand=Lumo");
        assertThat(lumo.path("items")).extracting(i -> i.path("productId").asText()).containsExactly(kettle);
        assertThat(search("category=home/kitchen/mugs").path("articles").asLong()).isEqualTo(1);
        assertThat(search("q=" + URLEncoder.encode("1.5 l kettle", StandardCharsets.UTF_8)).path("items").get(0).path("productId").asText()).isEqualTo(kettle);
        assertThat(search("attr=capacity:1.50").path("items")).extracting(i -> i.path("productId").asText()).containsExactly(kettle);

        HttpResponse<String> unknown = query("/api/products/search?attr=weight:3");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).contains("weight");
        assertThat(query("/api/products/search?attr=nocolon").statusCode()).isEqualTo(400);
    }

    @Test
    void englishStemsFindSingularsAndPluralsBothWays() throws Exception {
        assertThat(ids(search("q=kettles"))).containsExactly(kettle);
        // "mug" finds the set of mugs, and "mugs" the mugs
        assertThat(search("q=mug&collapse=false").path("total").asLong()).isEqualTo(4);
        assertThat(search("q=mugs&collapse=false").path("total").asLong()).isEqualTo(4);
    }

    @Test
    void aSynonymDefinedThroughTheApiIsAnEventAndChangesSearchWithoutARebuild() throws Exception {
        String generation = json(query("/admin/projections", Stack.adminAuthorization())).findValuesAsText("index").toString();
        assertThat(search("q=beaker").path("total").asLong()).isZero();
        JsonNode zero = json(query("/admin/search/zero-results", Stack.adminAuthorization()));
        assertThat(zero.path("queries")).extracting(q -> q.path("query").asText()).contains("beaker");

        HttpResponse<String> defined = command("POST", "/api/synonyms", "{\"kind\":\"ONE_WAY\",\"terms\":[\"Beaker\",\"mug\"]}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        String rule = json(defined).path("ruleId").asText();
        assertThat(stack.database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE type = 'SynonymRule'"
                + " AND aggregate_identifier = '" + rule + "' AND payload_type LIKE '%SynonymsDefinedEvent'")).isEqualTo(1);

        await("the rule in force").atMost(Duration.ofSeconds(10)).until(() -> search("q=beakers&collapse=false").path("total").asLong() == 4);
        assertThat(json(query("/api/synonyms", Stack.clientAuthorization())).path(0).path("terms")).extracting(JsonNode::asText)
                .containsExactly("beaker", "mug");
        // one way: "mug" does not find beakers (there are none), and it finds what it found before
        assertThat(search("q=mug&collapse=false").path("total").asLong()).isEqualTo(4);
        assertThat(json(query("/admin/projections", Stack.adminAuthorization())).findValuesAsText("index").toString())
                .as("no rebuild").isEqualTo(generation);

        HttpResponse<String> removed = command("DELETE", "/api/synonyms/" + rule, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        await("the rule gone").atMost(Duration.ofSeconds(10)).until(() -> search("q=beakers").path("total").asLong() == 0);
        assertThat(metric("emporium_search_zero_results_total")).isGreaterThanOrEqualTo(2);
    }

    // ------------------------------------------------------------------ helpers

    private static String product(String body) throws Exception {
        String id = json(created(command("POST", "/api/products", body))).path("productId").asText();
        await("product " + id + " in the read model").atMost(Duration.ofSeconds(20))
                .until(() -> query("/api/products/" + id).statusCode() == 200);
        return id;
    }

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static JsonNode search(String parameters) throws Exception {
        HttpResponse<String> found = query("/api/products/search?" + parameters);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return json(found);
    }

    private static List<String> ids(JsonNode found) {
        List<String> ids = new ArrayList<>();
        found.path("items").forEach(item -> ids.add(item.path("productId").asText()));
        return ids;
    }

    private static JsonNode attributeFacet(JsonNode found, String name) {
        for (JsonNode facet : found.path("facets").path("attributes")) {
            if (facet.path("name").asText().equals(name)) return facet.path("values");
        }
        throw new AssertionError("no facet of " + name + " in " + found.path("facets"));
    }

    private static Map<String, Long> counts(JsonNode values) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        values.forEach(v -> counts.put(v.path("value").asText(), v.path("count").asLong()));
        return counts;
    }

    private static double metric(String name) throws Exception {
        String text = query("/actuator/prometheus", Stack.adminAuthorization()).body();
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static HttpResponse<String> query(String path) throws Exception {
        return send(stack.query, "GET", path, null, null);
    }

    private static HttpResponse<String> query(String path, String authorization) throws Exception {
        return send(stack.query, "GET", path, null, authorization);
    }

    private static HttpResponse<String> command(String method, String path, String body) throws Exception {
        return send(stack.command, method, path, body, Stack.clientAuthorization(), "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static HttpResponse<String> send(ServiceProcess service, String method, String path, String body, String authorization,
                                             String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        if (body != null) request.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return service.send(request.build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
