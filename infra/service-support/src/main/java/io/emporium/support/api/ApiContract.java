package io.emporium.support.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.emporium.support.security.AccessRules;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What both services' OpenAPI documents say alike, so that each controller only names its operation and its own
 * answers: the API's name and version, the bearer scheme and the role each operation needs (from the same
 * {@link AccessRules} that Spring Security applies), the RFC 9457 problem bodies, and the answers every operation of a
 * kind can give — 400 where it takes input, 401 and 403 where it needs a token, 413 and 415 where it takes a body,
 * 404 where a path names something, 429 and the rate-limit headers where calls are limited, 503 everywhere.
 */
public final class ApiContract implements OpenApiCustomizer {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** The problem of a read whose minVersion the read model has not reached in time (409). */
    public static final String VERSION_NOT_REACHED = "VersionNotReachedProblem";
    static final String SCHEME = "bearer";

    private final Description description;
    private final AccessRules access;

    public ApiContract(Description description, AccessRules access) {
        this.description = description;
        this.access = access;
    }

    /**
     * @param server      the address the document names (the local stack's default)
     * @param tags        the capabilities, in the order a reader meets them
     * @param rateLimited whether calls under these path prefixes are rate limited (429, RateLimit-* headers)
     * @param bodyLimit   the largest request body in bytes (413 beyond it), or 0 where no limit of its own applies
     * @param idempotent  whether POSTs take an {@code Idempotency-Key}
     */
    public record Description(String title, String summary, String version, String server, List<Tag> tags,
                              List<String> rateLimited, long bodyLimit, boolean idempotent) {
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title(description.title()).version(description.version()).description(description.summary()));
        api.servers(List.of(new Server().url(description.server()).description("the local stack (infra/emporium up)")
                .extensions(new LinkedHashMap<>(Map.of("x-internal", false)))));
        api.tags(description.tags());
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        components.addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("An access token (JWT) of the configured OpenID Connect provider (locally: infra/emporium"
                        + " token), checked as RFC8725 (JSON Web Token Best Current Practices) recommends: signature by the provider's key, issuer, audience emporium,"
                        + " expiry; the roles claim names customer, merchant or admin."));
        problemSchemas().forEach(components::addSchemas);
        headers().forEach(components::addHeaders);
        api.components(components);
        api.security(List.of(new SecurityRequirement().addList(SCHEME)));
        if (api.getPaths() == null) return;
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            complete(path, method, operation);
            if (operation.getParameters() != null) operation.getParameters().forEach(p -> Bounds.of(p.getSchema()));
            operation.getResponses().values().stream().filter(r -> r.getContent() != null)
                    .forEach(r -> r.getContent().values().forEach(m -> Bounds.of(m.getSchema())));
        }));
        api.getComponents().getSchemas().values().forEach(Bounds::of);
        api.getComponents().getSchemas().values().forEach(ApiContract::unionWithoutObjectType);
        optionalMayBeNull(api.getComponents().getSchemas());
        dropUnusedHeaders(api);
        if (!api.getPaths().values().stream().flatMap(item -> item.readOperations().stream())
                .flatMap(operation -> operation.getResponses().values().stream()).filter(r -> r.getContent() != null)
                .flatMap(r -> r.getContent().values().stream()).filter(m -> m.getSchema() != null)
                .anyMatch(m -> ("#/components/schemas/" + VERSION_NOT_REACHED).equals(m.getSchema().get$ref()))) {
            api.getComponents().getSchemas().remove(VERSION_NOT_REACHED);
        }
        // the same document from every run: schemas and paths in the order of their names
        api.getComponents().setSchemas(new TreeMap<>(api.getComponents().getSchemas()));
    }

    /**
     * A value that is one of several kinds ({@code oneOf} string, number, boolean) is written from an interface, to
     * which swagger gives {@code type: object}: no value would match both. Such a union has no type of its own.
     */
    private static void unionWithoutObjectType(io.swagger.v3.oas.models.media.Schema<?> schema) {
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty() && "object".equals(schema.getType()) && schema.getProperties() == null) {
            schema.setType(null);
            schema.setTypes(null);
        }
    }

    private void complete(String path, PathItem.HttpMethod method, Operation operation) {
        List<String> roles = access.rolesFor(method.name(), path);
        String who = roles.isEmpty() ? "Open to anyone: no token needed." : "Role: " + String.join(" or ", roles) + ".";
        operation.setDescription(operation.getDescription() == null ? who : who + "\n\n" + operation.getDescription());
        operation.setSecurity(roles.isEmpty() ? List.of() : List.of(new SecurityRequirement().addList(SCHEME)));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean input = (operation.getParameters() != null && !operation.getParameters().isEmpty()) || operation.getRequestBody() != null;
        boolean limited = description.rateLimited().stream().anyMatch(path::startsWith);
        if (description.idempotent() && method == PathItem.HttpMethod.POST) {
            operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
                    .description("Any text of 1 to 200 characters, unique per intended action: the same key and body again answer the"
                            + " first answer and change nothing; the same key with another body is 422.")
                    .schema(new StringSchema().minLength(1).maxLength(200)));
            addIfAbsent(responses, "422", () -> problem("The Idempotency-Key was used before for another request."));
            input = true;
        }
        if (hasHeader(operation, "If-Match")) {
            // a command on an existing aggregate: optimistic concurrency, and a state that may refuse it
            operation.getParameters().stream().filter(p -> "If-Match".equalsIgnoreCase(p.getName())).forEach(p -> {
                if (p.getDescription() == null) {
                    p.description("The version the caller last saw, as an ETag gave it (\"3\"): the command acts only at that version"
                            + " (else 412); * or no header: at any version.");
                }
                p.schema(new StringSchema().maxLength(24).pattern("^(\\*|(W/)?\"?[0-9]{1,19}\"?)$"));
            });
            if (description.idempotent()) {
                addIfAbsent(responses, "409", () -> problem("Its state refuses the command, others changed it at the same moment, or a"
                        + " request with the same Idempotency-Key is still being handled."));
            }
            addIfAbsent(responses, "412", () -> problem("It has changed since the version given in If-Match."));
            ApiResponse ok = responses.get("200");
            if (ok != null) ok.addHeaderObject("ETag", ref("ETag"));
        }
        if (description.idempotent() && method == PathItem.HttpMethod.POST) {
            addIfAbsent(responses, "409", () -> problem("A request with the same Idempotency-Key is still being handled."));
        }
        if (input) addIfAbsent(responses, "400", () -> validationProblem());
        if (path.contains("{")) addIfAbsent(responses, "404", () -> problem("Nothing with that id exists (or it is another customer's)."));
        addIfAbsent(responses, "401", () -> problem(roles.isEmpty()
                ? "A token was sent and refused (expired, forged, or for another audience); this operation needs none."
                : "No token, or one that is expired, forged or for another audience.")
                .addHeaderObject("WWW-Authenticate", ref("WWW-Authenticate")));
        if (!roles.isEmpty()) addIfAbsent(responses, "403", () -> problem("The token's roles do not allow this."));
        if (operation.getRequestBody() != null) {
            if (description.bodyLimit() > 0) {
                addIfAbsent(responses, "413", () -> problem("The request body is larger than " + description.bodyLimit() + " bytes."));
            }
            addIfAbsent(responses, "415", () -> problem("The body is not application/json."));
        }
        if (limited) {
            addIfAbsent(responses, "429", () -> problem("More calls than the caller's rate limit allows; try again after Retry-After seconds.")
                    .addHeaderObject("Retry-After", ref("Retry-After")));
            responses.forEach((status, response) -> {
                if (response.get$ref() != null) return;
                for (String header : List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")) {
                    if (response.getHeaders() == null || !response.getHeaders().containsKey(header)) response.addHeaderObject(header, ref(header));
                }
            });
        }
        addIfAbsent(responses, "500", () -> problem("A fault of the server's own; nothing was changed by it."));
        responses.forEach((status, response) -> {
            // an error a controller names has a problem body (springdoc gives it the success body's schema)
            if (status.charAt(0) >= '4' && response.get$ref() == null
                    && (response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON))) {
                response.content(problem(response.getDescription()).getContent());
            }
            // a header given by reference has nothing beside the reference
            if (response.getHeaders() != null) response.getHeaders().values().stream().filter(h -> h.get$ref() != null)
                    .forEach(h -> h.style(null).explode(null));
        });
        if (operation.getParameters() != null) operation.getParameters().stream()
                .filter(p -> "path".equals(p.getIn()) && p.getSchema() != null && p.getSchema().getMaxLength() == null)
                .forEach(p -> p.description(p.getDescription() != null ? p.getDescription() : "An id as the service gave it.")
                        .getSchema().maxLength(100));
        addIfAbsent(responses, "503", () -> problem("A store the service needs does not answer, or refuses the service; try again after"
                + " Retry-After seconds.").addHeaderObject("Retry-After", ref("Retry-After")));
        operation.setResponses(sorted(responses));
    }

    /**
     * The convention of both APIs: a required property is always there and never null; any other may be null (the
     * services write every field of an answer, with null where the read model does not know it yet).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void optionalMayBeNull(Map<String, Schema> schemas) {
        java.util.Set<String> optionalReferences = new java.util.HashSet<>();
        schemas.values().stream().filter(schema -> schema.getProperties() != null).forEach(schema -> {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            ((Map<String, Schema>) schema.getProperties()).forEach((name, property) -> {
                if (required.contains(name)) return;
                if (property.get$ref() == null) property.nullable(true);
                else optionalReferences.add(property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1));
            });
        });
        // a reference takes no siblings in OpenAPI 3.0 (and validators reject null against an allOf of one), so the
        // schema an optional reference names is the one that may be null
        optionalReferences.forEach(name -> schemas.get(name).nullable(true));
    }

    /** Header components no answer refers to (a service without rate limits has no RateLimit headers). */
    private static void dropUnusedHeaders(OpenAPI api) {
        java.util.Set<String> used = new java.util.HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> operation.getResponses().values()
                .forEach(response -> {
                    if (response.getHeaders() != null) response.getHeaders().values().stream().filter(h -> h.get$ref() != null)
                            .forEach(h -> used.add(h.get$ref().substring(h.get$ref().lastIndexOf('/') + 1)));
                })));
        api.getComponents().getHeaders().keySet().removeIf(name -> !used.contains(name));
    }

    private static boolean hasHeader(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName()));
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        return sorted;
    }

    private static void addIfAbsent(ApiResponses responses, String status, Supplier<ApiResponse> response) {
        if (!responses.containsKey(status)) responses.addApiResponse(status, response.get());
    }

    /** An answer with an RFC 9457 problem body. */
    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    private static ApiResponse validationProblem() {
        return new ApiResponse().description("Malformed JSON, or input that breaks a rule: each field's error is listed.")
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/ValidationProblem"))));
    }

    private static Header ref(String header) {
        return new Header().$ref("#/components/headers/" + header);
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> problemSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put("Problem", problemProperties(new ObjectSchema()
                .description("An RFC 9457 problem: what went wrong, for people (title, detail) and programs (status, type).")));
        schemas.put("ValidationProblem", problemProperties(new ObjectSchema().description("A problem listing the fields that break a rule."))
                .addProperty("errors", new ArraySchema().maxItems(1000).items(new Schema<>().$ref("#/components/schemas/FieldError"))));
        schemas.put(VERSION_NOT_REACHED, problemProperties(new ObjectSchema()
                        .description("A problem of a read with minVersion: the version asked for, and the one the read model has (null: none yet)."))
                .addProperty("requestedVersion", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO))
                .addProperty("currentVersion", new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO).nullable(true)));
        schemas.put("FieldError", new ObjectSchema().description("One field and the rule it breaks.")
                .addProperty("field", new StringSchema().maxLength(200)).addProperty("message", new StringSchema().maxLength(1000)));
        return schemas;
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemProperties(Schema schema) {
        schema.additionalProperties(Boolean.TRUE); // RFC 9457: a problem type may add members of its own
        schema.addProperty("type", new StringSchema().format("uri-reference").maxLength(2000).example("about:blank"));
        schema.addProperty("title", new StringSchema().maxLength(200));
        schema.addProperty("status", new IntegerSchema().format("int32").minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)));
        schema.addProperty("detail", new StringSchema().maxLength(5000));
        schema.addProperty("instance", new StringSchema().format("uri-reference").maxLength(2000));
        schema.required(List.of("title", "status"));
        return schema;
    }

    private static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put("Retry-After", header("Seconds to wait before trying again.", new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(86400))));
        headers.put("WWW-Authenticate", header("The Bearer challenge (RFC 6750), with the error when a token was refused.", new StringSchema().maxLength(1000)));
        headers.put("RateLimit-Limit", header("Calls allowed in a burst.", new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(1_000_000_000))));
        headers.put("RateLimit-Remaining", header("Calls left before the limit.", new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(1_000_000_000))));
        headers.put("RateLimit-Reset", header("Seconds until the whole burst is available again.", new IntegerSchema().format("int32").minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(86400))));
        headers.put("ETag", header("The version of the aggregate the answer is about, quoted: give it in If-Match to change it only at that version.",
                new StringSchema().maxLength(24).pattern("^\"[0-9]+\"$")));
        headers.put("Location", header("Where the created resource is read.", new StringSchema().format("uri-reference").maxLength(2000)));
        return headers;
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }
}
