package io.emporium.query.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console shows of the command service (publishing to Kafka, webhook endpoints and their deliveries), read
 * from its API with the admin's own token, so that the console needs one origin only. Read only; changes go to the
 * command service's API.
 */
@RestController
@RequestMapping("/admin/command")
@Tag(name = "administration")
class CommandServiceViews {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final URI commandUrl;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    CommandServiceViews(@Value("${emporium.checkout.command-url}") URI commandUrl, ObjectMapper json) {
        this.commandUrl = commandUrl;
        this.json = json;
    }

    @GetMapping("/publishing")
    @Operation(operationId = "getCommandPublishing", summary = "The command service's publishing to Kafka (its GET /admin/publishing)")
    @ApiResponse(responseCode = "200", description = "Where publishing is.")
    @ApiResponse(responseCode = "409", description = "Publishing is off there (no Kafka configured).")
    @ApiResponse(responseCode = "503", description = "The command service did not answer; Retry-After says when to ask again.")
    ResponseEntity<String> publishing(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return relay("/admin/publishing", authorization);
    }

    @GetMapping("/webhooks")
    @Operation(operationId = "getCommandWebhooks", summary = "The webhook endpoints with their state and backlog (the command service's GET /api/webhooks)")
    @ApiResponse(responseCode = "200", description = "Every endpoint.")
    @ApiResponse(responseCode = "503", description = "The command service did not answer; Retry-After says when to ask again.")
    ResponseEntity<String> webhooks(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return relay("/api/webhooks", authorization);
    }

    @GetMapping("/webhooks/{id}/deliveries")
    @Operation(operationId = "getCommandWebhookDeliveries", summary = "An endpoint's last 10 deliveries, newest first")
    @ApiResponse(responseCode = "200", description = "The deliveries.")
    @ApiResponse(responseCode = "404", description = "No such endpoint.")
    @ApiResponse(responseCode = "503", description = "The command service did not answer; Retry-After says when to ask again.")
    ResponseEntity<String> deliveries(@PathVariable UUID id, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return relay("/api/webhooks/" + id + "/deliveries?limit=10", authorization);
    }

    /** The command service's answer as it is (its problems included); 503 when it gives none or fails itself. */
    private ResponseEntity<String> relay(String path, String authorization) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(commandUrl.resolve(path)).timeout(TIMEOUT)
                    .header(HttpHeaders.AUTHORIZATION, authorization).header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 500) return unavailable("The command service answered " + answer.statusCode() + ".");
            return ResponseEntity.status(answer.statusCode())
                    .contentType(MediaType.parseMediaType(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("application/json")))
                    .body(answer.body());
        } catch (IOException e) {
            return unavailable("The command service did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("Interrupted.");
        }
    }

    private ResponseEntity<String> unavailable(String detail) {
        ObjectNode problem = json.createObjectNode().put("type", "about:blank").put("title", "Unavailable").put("status", 503)
                .put("detail", detail);
        String body = problem.toString();
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
