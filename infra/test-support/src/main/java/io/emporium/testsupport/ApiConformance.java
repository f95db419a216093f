package io.emporium.testsupport;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Holds every answer the tests get from a service to its committed OpenAPI document (docs/openapi/): a status, a
 * header or a body the document does not describe fails the test that got it. Requests are not judged (error-path
 * tests send what the document forbids, on purpose); answers of paths outside the API (health, pages) and CORS
 * preflights are not either.
 */
public final class ApiConformance {

    private static final Map<String, OpenApiInteractionValidator> DOCUMENTS = new ConcurrentHashMap<>();

    private final String name;

    private ApiConformance(String name) {
        this.name = name;
    }

    /** The checks of {@code docs/openapi/<name>.yaml}. */
    public static ApiConformance of(String name) {
        return new ApiConformance(name);
    }

    private OpenApiInteractionValidator validator() {
        return DOCUMENTS.computeIfAbsent(name,
                document -> OpenApiInteractionValidator.createForInlineApiSpecification(CommittedApiDocument.read(document)).build());
    }

    /** The answer, as it is, or an AssertionError that says where it departs from the document. */
    public <T> HttpResponse<T> check(HttpResponse<T> answer) {
        URI uri = answer.request().uri();
        String path = uri.getRawPath();
        // CORS preflights are the browser's protocol, not operations; while the documents are written anew (see
        // CommittedApiDocument) they are not the contract yet
        if (!path.startsWith("/api/") && !path.startsWith("/admin/") || "OPTIONS".equals(answer.request().method())
                || CommittedApiDocument.writing()) return answer;
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode());
        answer.headers().map().forEach((header, values) -> response.withHeader(header, values));
        if (answer.body() instanceof String body && !body.isEmpty()) response.withBody(body);
        ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(answer.request().method()), response.build());
        if (report.hasErrors()) {
            throw new AssertionError(answer.request().method() + " " + path + " answered " + answer.statusCode()
                    + " as docs/openapi/" + name + ".yaml does not describe:\n" + messages(report.getMessages())
                    + "\nthe answer: " + answer.body());
        }
        return answer;
    }

    private static String messages(List<ValidationReport.Message> messages) {
        return messages.stream().map(m -> "  - " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n"));
    }
}
