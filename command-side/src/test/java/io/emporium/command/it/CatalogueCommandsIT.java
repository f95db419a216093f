package io.emporium.command.it;

import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's commands over HTTP against real PostgreSQL: attributes declared once, products with a brand, a group
 * of variants, attribute values of the declared types, images and a category path; what is refused stores nothing;
 * products stored before all this load and change as before.
 */
class CatalogueCommandsIT {

    private static TestDatabase database;
    private static CommandService service;

    @BeforeAll
    static void start() {
        database = TestServices.newDatabase();
        service = CommandService.start(database);
        declare("{\"name\":\"colour\",\"label\":\"Colour\",\"type\":\"TEXT\",\"filterable\":true}");
        declare("{\"name\":\"capacity\",\"label\":\"Capacity\",\"type\":\"NUMBER\",\"unit\":\"l\",\"filterable\":true}");
        declare("{\"name\":\"dishwasher-safe\",\"label\":\"Dishwasher safe\",\"type\":\"BOOLEAN\",\"filterable\":false}");
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void anAttributeIsDeclaredOnceAndItsLabelAndFilterCanChange() {
        HttpResponse<String> declared = service.post("/api/attributes", "{\"name\":\"material\",\"label\":\"Material\",\"type\":\"TEXT\",\"filterable\":true}");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        assertThat(declared.headers().firstValue("Location")).hasValue("/api/attributes/material");
        assertThat(declared.headers().firstValue("ETag")).hasValue("\"0\"");

        assertRefused(() -> service.post("/api/attributes", "{\"name\":\"material\",\"label\":\"Other\",\"type\":\"NUMBER\",\"unit\":\"kg\",\"filterable\":true}"), 409);

        HttpResponse<String> changed = service.put("/api/attributes/material", "{\"label\":\"Made of\",\"filterable\":false}", "If-Match", "\"0\"");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("version").asLong()).isEqualTo(1);
        assertThat(service.events("material")).extracting(e -> e.get("@type").asText())
                .containsExactly("AttributeDeclaredEvent", "AttributeChangedEvent");
        assertThat(service.events("material").get(1).get("label").asText()).isEqualTo("Made of");
        assertRefused(() -> service.put("/api/attributes/material", "{\"label\":\"Again\",\"filterable\":true}", "If-Match", "\"0\""), 412);
    }

    @Test
    void badDeclarationsAre400AndAnUnknownAttributeIs404() {
        assertRefused(() -> service.post("/api/attributes", "{\"name\":\"size\",\"label\":\"Size\",\"type\":\"TEXT\",\"unit\":\"cm\",\"filterable\":true}"), 400);
        assertRefused(() -> service.post("/api/attributes", "{\"name\":\"Size\",\"label\":\"Size\",\"type\":\"TEXT\",\"filterable\":true}"), 400);
        assertRefused(() -> service.post("/api/attributes", "{\"name\":\"size\",\"label\":\"Size\",\"type\":\"COLOUR\",\"filterable\":true}"), 400);
        assertRefused(() -> service.post("/api/attributes", "{\"name\":\"size\",\"label\":\"Size\",\"filterable\":true}"), 400);
        assertRefused(() -> service.put("/api/attributes/nothing-here", "{\"label\":\"x\",\"filterable\":true}"), 404);
    }

    @Test
    void aProductCarriesItsBrandGroupAttributesImagesAndCategoryPath() {
        HttpResponse<String> created = service.post("/api/products", "{\"sku\":\"MUG-RED-45\",\"name\":\"Enamel mug\",\"description\":\"A mug\","
                + "\"category\":\" home / kitchen /mugs\",\"price\":12.00,\"initialStock\":5,\"brand\":\"Acme \",\"group\":\"enamel-mug\","
                + "\"attributes\":{\"dishwasher-safe\":true,\"colour\":\" red\",\"capacity\":0.450},"
                + "\"images\":[{\"url\":\"https://shop.example/img/mug-red.jpg\",\"alt\":\"A red enamel mug\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode event = service.events(json(created).get("productId").asText()).get(0);
        assertThat(event.get("category").asText()).isEqualTo("home/kitchen/mugs");
        JsonNode catalogue = event.get("catalogue");
        assertThat(catalogue.get("brand").asText()).isEqualTo("Acme");
        assertThat(catalogue.get("group").asText()).isEqualTo("enamel-mug");
        // by name, each of its kind
        assertThat(catalogue.get("attributes")).extracting(a -> a.get("attribute").asText()).containsExactly("capacity", "colour", "dishwasher-safe");
        assertThat(catalogue.get("attributes").get(0).get("number").decimalValue()).isEqualByComparingTo("0.45");
        assertThat(catalogue.get("attributes").get(1).get("text").asText()).isEqualTo("red");
        assertThat(catalogue.get("attributes").get(2).get("flag").asBoolean()).isTrue();
        assertThat(catalogue.get("images").get(0).get("alt").asText()).isEqualTo("A red enamel mug");
    }

    @Test
    void attributeValuesMustBeOfDeclaredAttributesOfTheirTypeAndBadCatalogueFieldsAre400() {
        String base = "{\"sku\":\"BAD-%s\",\"name\":\"Bad\",\"description\":\"\",\"category\":\"%s\",\"price\":1.00,\"initialStock\":1%s}";
        assertRefused(() -> service.post("/api/products", base.formatted(1, "home", ",\"attributes\":{\"weight\":3}")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(2, "home", ",\"attributes\":{\"capacity\":\"big\"}")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(3, "home", ",\"attributes\":{\"colour\":true}")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(4, "home", ",\"attributes\":{\"colour\":[\"red\"]}")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(5, "home", ",\"attributes\":{\"capacity\":1.23456}")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(6, "home", ",\"attributes\":{\"Colour\":\"red\"}")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(7, "home", ",\"images\":[{\"url\":\"javascript:alert(1)\",\"alt\":\"x\"}]")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(8, "home", ",\"images\":[{\"url\":\"https://shop.example/a.jpg\"}]")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(9, "home", ",\"group\":\"Not A Slug\"")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(10, "home//mugs", "")), 400);
        assertRefused(() -> service.post("/api/products", base.formatted(11, "a/b/c/d/e/f", "")), 400);
        HttpResponse<String> error = service.post("/api/products", base.formatted(12, "home", ",\"attributes\":{\"weight\":3}"));
        assertThat(json(error).get("detail").asText()).contains("weight").contains("not declared");
    }

    @Test
    void aDetailsChangeReplacesTheCatalogueFields() {
        String id = json(service.post("/api/products", "{\"sku\":\"LAMP-1\",\"name\":\"Lamp\",\"description\":\"\",\"category\":\"home\","
                + "\"price\":30.00,\"initialStock\":1,\"brand\":\"Lumo\",\"attributes\":{\"colour\":\"white\"}}")).get("productId").asText();

        HttpResponse<String> changed = service.put("/api/products/" + id + "/details", "{\"name\":\"Desk lamp\",\"description\":\"\","
                + "\"category\":\"home/office\",\"group\":\"desk-lamp\",\"attributes\":{\"colour\":\"black\"}}");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode event = service.events(id).get(1);
        assertThat(event.get("category").asText()).isEqualTo("home/office");
        assertThat(event.get("catalogue").get("brand").isNull()).as("no brand given: none").isTrue();
        assertThat(event.get("catalogue").get("group").asText()).isEqualTo("desk-lamp");
        assertThat(event.get("catalogue").get("attributes").get(0).get("text").asText()).isEqualTo("black");
        assertRefused(() -> service.put("/api/products/" + id + "/details", "{\"name\":\"Desk lamp\",\"description\":\"\","
                + "\"category\":\"home\",\"attributes\":{\"capacity\":true}}"), 400);
    }

    @Test
    void aProductStoredBeforeTheCatalogueFieldsLoadsAndTakesThem() throws Exception {
        String id = UUID.randomUUID().toString();
        store(id, 0, "io.emporium.api.product.ProductCreatedEvent", "2", "{\"productId\":\"" + id + "\",\"sku\":\"OLD-2\",\"name\":\"Old lamp\","
                + "\"description\":\"\",\"category\":\"office\",\"price\":{\"amount\":20.00,\"currency\":\"EUR\"},\"initialStock\":3}");
        store(id, 1, "io.emporium.api.product.ProductDetailsUpdatedEvent", null, "{\"productId\":\"" + id + "\",\"name\":\"Older lamp\","
                + "\"description\":\"d\",\"category\":\"office\"}");

        HttpResponse<String> changed = service.put("/api/products/" + id + "/details", "{\"name\":\"Older lamp\",\"description\":\"d\","
                + "\"category\":\"home/office\",\"brand\":\"Lumo\",\"attributes\":{\"colour\":\"green\"}}", "If-Match", "\"1\"");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("version").asLong()).isEqualTo(2);
        assertThat(service.events(id).get(2).get("catalogue").get("brand").asText()).isEqualTo("Lumo");
        assertThat(json(service.put("/api/products/" + id + "/price", "{\"price\":25.00}")).get("version").asLong()).isEqualTo(3);
    }

    @Test
    void aSynonymRuleIsAnAggregateWhoseHistoryIsKeptAndARemovedRuleStaysRemoved() {
        HttpResponse<String> defined = service.post("/api/synonyms", "{\"kind\":\"TWO_WAY\",\"terms\":[\" Sofa \",\"couch\"]}");
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        String rule = json(defined).get("ruleId").asText();
        assertThat(defined.headers().firstValue("Location")).hasValue("/api/synonyms/" + rule);
        assertThat(service.events(rule).get(0).get("terms")).extracting(JsonNode::asText).containsExactly("sofa", "couch");

        HttpResponse<String> changed = service.put("/api/synonyms/" + rule, "{\"kind\":\"ONE_WAY\",\"terms\":[\"sofa\",\"couch\",\"settee\"]}",
                "If-Match", "\"0\"");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(service.call("DELETE", "/api/synonyms/" + rule).statusCode()).isEqualTo(200);
        assertThat(service.call("DELETE", "/api/synonyms/" + rule).statusCode()).as("removing it again changes nothing").isEqualTo(200);
        assertThat(service.events(rule)).extracting(e -> e.get("@type").asText())
                .containsExactly("SynonymsDefinedEvent", "SynonymsChangedEvent", "SynonymsRemovedEvent");
        assertRefused(() -> service.put("/api/synonyms/" + rule, "{\"kind\":\"TWO_WAY\",\"terms\":[\"a\",\"b\"]}"), 409);
    }

    @Test
    void badSynonymRulesAre400() {
        assertRefused(() -> service.post("/api/synonyms", "{\"kind\":\"TWO_WAY\",\"terms\":[\"sofa\"]}"), 400);
        assertRefused(() -> service.post("/api/synonyms", "{\"kind\":\"TWO_WAY\",\"terms\":[\"sofa\",\" SOFA\"]}"), 400);
        assertRefused(() -> service.post("/api/synonyms", "{\"kind\":\"SIDEWAYS\",\"terms\":[\"a\",\"b\"]}"), 400);
        assertRefused(() -> service.post("/api/synonyms", "{\"terms\":[\"a\",\"b\"]}"), 400);
        assertRefused(() -> service.post("/api/synonyms", "{\"kind\":\"TWO_WAY\",\"terms\":[\"a\",\"\"]}"), 400);
        assertRefused(() -> service.put("/api/synonyms/no-such-rule", "{\"kind\":\"TWO_WAY\",\"terms\":[\"a\",\"b\"]}"), 404);
    }

    private static void declare(String attribute) {
        HttpResponse<String> declared = service.post("/api/attributes", attribute);
        if (declared.statusCode() != 201) throw new IllegalStateException("declare failed: " + declared.statusCode() + " " + declared.body());
    }

    private static void store(String id, long sequence, String type, String revision, String payload) throws Exception {
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO command.domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload_type, payload_revision, payload, meta_data, time_stamp)"
                        + " VALUES (nextval('command.domain_event_entry_global_index_seq'), ?, ?, 'Product', ?, ?, ?, convert_to(?, 'UTF8'),"
                        + " convert_to('{}', 'UTF8'), ?)")) {
            insert.setString(1, id);
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setString(4, type);
            insert.setString(5, revision);
            insert.setString(6, payload);
            insert.setString(7, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    private static HttpResponse<String> assertRefused(Supplier<HttpResponse<String>> request, int status) {
        long before = service.eventCount();
        HttpResponse<String> response = request.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(service.eventCount()).as("events stored").isEqualTo(before);
        return response;
    }
}
