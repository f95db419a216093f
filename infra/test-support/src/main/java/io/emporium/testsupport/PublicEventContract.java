package io.emporium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.ProcessingMessage;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;

/**
 * The committed AsyncAPI document ({@code docs/asyncapi/emporium-events.yaml}) as a checker: each message's payload
 * schema, by its CloudEvents type, against which tests hold what was really published.
 */
public final class PublicEventContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonSchema> byType = new HashMap<>();

    private PublicEventContract(JsonNode document) throws ProcessingException {
        // the payloads' $refs point into components/schemas: the same schemas as draft-04 definitions of each payload
        JsonNode definitions = rewriteRefs(document.path("components").path("schemas"));
        for (var messages = document.path("components").path("messages").fields(); messages.hasNext(); ) {
            JsonNode message = messages.next().getValue();
            ObjectNode schema = (ObjectNode) rewriteRefs(message.path("payload"));
            schema.set("definitions", definitions);
            byType.put(message.path("name").asText(), JsonSchemaFactory.byDefault().getJsonSchema(schema));
        }
    }

    public static PublicEventContract committed() {
        Path path = CommittedApiDocument.path("x").getParent().resolveSibling("asyncapi").resolve("emporium-events.yaml");
        try {
            return new PublicEventContract(new YAMLMapper().readTree(Files.readString(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProcessingException e) {
            throw new IllegalStateException("The AsyncAPI document's schemas do not load: " + e.getMessage(), e);
        }
    }

    public Set<String> types() {
        return byType.keySet();
    }

    /** What in a published CloudEvent differs from its type's documented payload; empty when it conforms. */
    public List<String> violations(JsonNode event) {
        JsonSchema schema = byType.get(event.path("type").asText());
        if (schema == null) return List.of("type " + event.path("type") + " is not in the AsyncAPI document");
        try {
            ProcessingReport report = schema.validate(event, true);
            List<String> found = new ArrayList<>();
            for (ProcessingMessage message : report) found.add(message.getMessage() + " at " + message.asJson().path("instance"));
            return found;
        } catch (ProcessingException e) {
            return List.of(e.getMessage());
        }
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node).replace("#/components/schemas/", "#/definitions/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
