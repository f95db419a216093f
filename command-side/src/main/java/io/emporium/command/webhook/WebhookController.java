package io.emporium.command.webhook;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.emporium.command.publishing.PublicEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook endpoints of the shop, for merchants and admins: register, pause, resume, remove, and their delivery logs. */
@RestController
@RequestMapping("/api/webhooks")
@Tag(name = "webhooks")
@Validated
class WebhookController {

    private final WebhookEndpoints endpoints;
    private final ReceiverAddresses addresses;

    WebhookController(WebhookEndpoints endpoints, ReceiverAddresses addresses) {
        this.endpoints = endpoints;
        this.addresses = addresses;
    }

    /**
     * @param url        where deliveries are POSTed: http or https, a public address (or one of the allowed networks)
     * @param eventTypes the public event types it receives (the AsyncAPI document lists them)
     */
    record WebhookRegistration(@NotBlank @Size(max = ReceiverAddresses.MAX_URL_LENGTH) String url,
                                @NotEmpty @Size(max = 20) List<@NotBlank String> eventTypes) {
    }

    /** @param secret the key deliveries are signed with ({@code whsec_...}): shown only here, keep it */
    record RegisteredWebhook(UUID id, String url, List<String> eventTypes, String state, Instant createdAt, String secret) {
    }

    /** @param attempts the newest first */
    record WebhookDeliveryDetails(WebhookEndpoints.WebhookDelivery delivery, List<WebhookEndpoints.WebhookAttempt> attempts) {
    }

    @PostMapping
    @Operation(operationId = "registerWebhook", summary = "Register a webhook endpoint",
            description = "It receives every public event of the given types that the service reads from then on, signed with the"
                    + " secret in the answer (Standard Webhooks). Receivers on private, loopback or link-local addresses are refused"
                    + " unless their network is allowed (EMPORIUM_WEBHOOKS_ALLOWED_NETWORKS).")
    @ApiResponse(responseCode = "201", description = "Registered; the answer holds the secret, which is not shown again.")
    @ApiResponse(responseCode = "400", description = "No URL, no event types, or an event type that does not exist.")
    @ApiResponse(responseCode = "422", description = "A URL that is not called: not http(s), not resolvable, or a private address not allowed.")
    ResponseEntity<RegisteredWebhook> register(@Valid @RequestBody WebhookRegistration registration, Principal who) {
        List<String> unknown = registration.eventTypes().stream().filter(t -> !PublicEvents.TYPES.contains(t)).toList();
        if (!unknown.isEmpty()) throw new IllegalArgumentException("Unknown event types " + unknown + "; the types are " + PublicEvents.TYPES + ".");
        URI url = addresses.check(registration.url().trim());
        String secret = WebhookSignature.newSecret();
        WebhookEndpoints.WebhookEndpoint endpoint = endpoints.register(url.toString(), registration.eventTypes().stream().distinct().toList(),
                secret, who.getName());
        return ResponseEntity.created(URI.create("/api/webhooks/" + endpoint.id())).body(new RegisteredWebhook(endpoint.id(),
                endpoint.url(), endpoint.eventTypes(), endpoint.state(), endpoint.createdAt(), secret));
    }

    @GetMapping
    @Operation(operationId = "listWebhooks", summary = "The webhook endpoints, with their state and backlog")
    @ApiResponse(responseCode = "200", description = "Every endpoint, oldest first.")
    List<WebhookEndpoints.WebhookEndpoint> list() {
        return endpoints.all();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getWebhook", summary = "One webhook endpoint")
    @ApiResponse(responseCode = "200", description = "The endpoint.")
    @ApiResponse(responseCode = "404", description = "No endpoint with that id.")
    WebhookEndpoints.WebhookEndpoint get(@PathVariable UUID id) {
        return endpoints.find(id).orElseThrow(WebhookController::notFound);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook endpoint", description = "Its backlog and delivery log go with it.")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @ApiResponse(responseCode = "404", description = "No endpoint with that id.")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (!endpoints.delete(id)) throw notFound();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    @Operation(operationId = "pauseWebhook", summary = "Pause deliveries to an endpoint", description = "Its deliveries wait (the backlog grows) until it is resumed.")
    @ApiResponse(responseCode = "200", description = "Paused.")
    @ApiResponse(responseCode = "404", description = "No endpoint with that id.")
    WebhookEndpoints.WebhookEndpoint pause(@PathVariable UUID id, Principal who) {
        if (!endpoints.pause(id, "paused by " + who.getName())) throw notFound();
        return get(id);
    }

    @PostMapping("/{id}/resume")
    @Operation(operationId = "resumeWebhook", summary = "Resume deliveries to an endpoint",
            description = "Its backlog is due at once, in order per aggregate; its failures are forgotten.")
    @ApiResponse(responseCode = "200", description = "Active again.")
    @ApiResponse(responseCode = "404", description = "No endpoint with that id.")
    WebhookEndpoints.WebhookEndpoint resume(@PathVariable UUID id) {
        if (!endpoints.resume(id)) throw notFound();
        return get(id);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "An endpoint's delivery log, newest first",
            description = "Pending and delivered deliveries with their attempts and the receiver's last status; pages with `before`"
                    + " (the smallest id of the last page).")
    @ApiResponse(responseCode = "200", description = "Up to `limit` deliveries.")
    @ApiResponse(responseCode = "404", description = "No endpoint with that id.")
    List<WebhookEndpoints.WebhookDelivery> deliveries(@PathVariable UUID id,
                                               @Parameter(description = "Only deliveries with a smaller id.") @RequestParam(required = false) @Min(1) Long before,
                                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        get(id);
        return endpoints.deliveries(id, before, limit);
    }

    @GetMapping("/{id}/deliveries/{eventId}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery with its attempts",
            description = "A delivery is named by its event's id (the `webhook-id` header it is sent with).")
    @ApiResponse(responseCode = "200", description = "The delivery and its last 50 attempts, newest first.")
    @ApiResponse(responseCode = "404", description = "No such delivery of that endpoint.")
    WebhookDeliveryDetails delivery(@PathVariable UUID id, @PathVariable @Size(max = 100) String eventId) {
        WebhookEndpoints.WebhookDelivery delivery = endpoints.delivery(id, eventId).orElseThrow(WebhookController::notFound);
        return new WebhookDeliveryDetails(delivery, endpoints.attempts(delivery.id()));
    }

    @PostMapping("/{id}/deliveries/{eventId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Make a pending delivery due now",
            description = "It still waits for earlier deliveries of its aggregate, and for the endpoint to be active.")
    @ApiResponse(responseCode = "202", description = "Due now.")
    @ApiResponse(responseCode = "404", description = "No such delivery of that endpoint.")
    @ApiResponse(responseCode = "409", description = "It was delivered already.")
    ResponseEntity<WebhookEndpoints.WebhookDelivery> retry(@PathVariable UUID id, @PathVariable @Size(max = 100) String eventId) {
        WebhookEndpoints.WebhookDelivery delivery = endpoints.delivery(id, eventId).orElseThrow(WebhookController::notFound);
        if (!endpoints.retry(id, delivery.id())) {
            throw new WebhookConflictException("That delivery was delivered already; it is not sent again.");
        }
        return ResponseEntity.accepted().body(endpoints.delivery(id, eventId).orElseThrow(WebhookController::notFound));
    }

    @ExceptionHandler(ReceiverRefusedException.class)
    ResponseEntity<ProblemDetail> refused(ReceiverRefusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Receiver refused", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(WebhookNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(WebhookNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(WebhookConflictException.class)
    ResponseEntity<ProblemDetail> conflict(WebhookConflictException e) {
        return problem(HttpStatus.CONFLICT, "Refused", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static WebhookNotFoundException notFound() {
        return new WebhookNotFoundException();
    }

    static final class WebhookNotFoundException extends RuntimeException {
        WebhookNotFoundException() {
            super("No such webhook endpoint or delivery.");
        }
    }

    static final class WebhookConflictException extends RuntimeException {
        WebhookConflictException(String message) {
            super(message);
        }
    }
}
