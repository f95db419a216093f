package io.emporium.paymentsimulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the provider has done, kept as a provider must: every change and the answer it gave are appended to a journal
 * and forced to disk before the answer leaves, so a {@code kill -9} loses nothing that was answered, and a retry with
 * the same idempotency key after a restart gets the same answer. The journal is read back at start-up; a torn last
 * line (the process died while writing it) was never answered and is skipped.
 */
final class Ledger {

    /** An answer: its HTTP status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private record Stored(String fingerprint, Answer answer) {
    }

    private final ObjectMapper json;
    private final FileChannel journal;
    private final Map<String, Authorization> authorizations = new LinkedHashMap<>();
    private final Map<String, Stored> answers = new HashMap<>();

    Ledger(Path file, ObjectMapper json) throws IOException {
        this.json = json;
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        if (Files.exists(file)) replay(file);
        journal = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void replay(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode entry;
            try {
                entry = json.readTree(line);
            } catch (IOException torn) {
                continue;
            }
            if (entry == null || !entry.has("key")) continue;
            Authorization authorization = json.treeToValue(entry.get("authorization"), Authorization.class);
            authorizations.put(authorization.id, authorization);
            answers.put(entry.get("key").asText(), new Stored(entry.get("fingerprint").asText(),
                    new Answer(entry.get("status").asInt(), entry.get("body"))));
        }
    }

    /** The answer given before to this key; null when the key is new. A key used for another request is refused. */
    synchronized Answer answered(String key, String fingerprint) {
        Stored stored = answers.get(key);
        if (stored == null) return null;
        if (!stored.fingerprint().equals(fingerprint)) {
            return PaymentSimulator.error(422, "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request.");
        }
        return stored.answer();
    }

    synchronized Answer authorize(String key, String fingerprint, String reference, long amount, String currency, TestCard card) {
        Answer earlier = answered(key, fingerprint);
        if (earlier != null) return earlier;
        Authorization authorization = new Authorization();
        authorization.id = "auth_" + UUID.randomUUID().toString().replace("-", "");
        authorization.reference = reference;
        authorization.amount = amount;
        authorization.currency = currency;
        authorization.paymentToken = card.token;
        authorization.createdAt = Instant.now();
        authorization.status = card.declineCode == null ? "authorized" : "declined";
        authorization.declineCode = card.declineCode;
        authorization.operations.add(new Authorization.Operation("authorize", key, amount,
                card.declineCode == null ? "done" : card.declineCode, authorization.createdAt));
        ObjectNode body = view(authorization);
        if (card.declineCode != null) body.put("message", card.declineMessage());
        return record(key, fingerprint, authorization, new Answer(card.declineCode == null ? 201 : 402, body));
    }

    synchronized Answer capture(String key, String fingerprint, String authorizationId, long amount) {
        Answer earlier = answered(key, fingerprint);
        if (earlier != null) return earlier;
        Authorization authorization = authorizations.get(authorizationId);
        if (authorization == null) return unknown(authorizationId);
        String refusal = switch (authorization.status) {
            case "authorized" -> amount == authorization.amount ? null : "amount_mismatch";
            case "captured" -> "already_captured";
            case "voided" -> "authorization_voided";
            default -> "authorization_declined";
        };
        authorization.operations.add(new Authorization.Operation("capture", key, amount, refusal == null ? "done" : refusal, Instant.now()));
        if (refusal == null) {
            authorization.status = "captured";
            authorization.capturedAmount = amount;
            return record(key, fingerprint, authorization, new Answer(200, view(authorization)));
        }
        return record(key, fingerprint, authorization, PaymentSimulator.error(409, refusal,
                "Cannot capture " + amount + " of an authorization of " + authorization.amount + " that is " + authorization.status + "."));
    }

    synchronized Answer voidAuthorization(String key, String fingerprint, String authorizationId) {
        Answer earlier = answered(key, fingerprint);
        if (earlier != null) return earlier;
        Authorization authorization = authorizations.get(authorizationId);
        if (authorization == null) return unknown(authorizationId);
        String refusal = switch (authorization.status) {
            case "authorized", "voided" -> null; // voiding twice is harmless
            case "captured" -> "already_captured";
            default -> "authorization_declined";
        };
        authorization.operations.add(new Authorization.Operation("void", key, 0, refusal == null ? "done" : refusal, Instant.now()));
        if (refusal == null) {
            authorization.status = "voided";
            return record(key, fingerprint, authorization, new Answer(200, view(authorization)));
        }
        return record(key, fingerprint, authorization, PaymentSimulator.error(409, refusal,
                "Cannot void an authorization that is " + authorization.status + "."));
    }

    synchronized Answer find(String authorizationId) {
        Authorization authorization = authorizations.get(authorizationId);
        return authorization == null ? unknown(authorizationId) : new Answer(200, view(authorization));
    }

    /** Every authorization (with a reference: only those), with the operations asked of each. */
    synchronized Answer list(String reference) {
        List<JsonNode> found = new ArrayList<>();
        for (Authorization authorization : authorizations.values()) {
            if (reference == null || reference.equals(authorization.reference)) found.add(json.valueToTree(authorization));
        }
        ObjectNode body = json.createObjectNode();
        body.putArray("data").addAll(found);
        return new Answer(200, body);
    }

    private Answer record(String key, String fingerprint, Authorization authorization, Answer answer) {
        ObjectNode entry = json.createObjectNode();
        entry.put("key", key);
        entry.put("fingerprint", fingerprint);
        entry.set("authorization", json.valueToTree(authorization));
        entry.put("status", answer.status());
        entry.set("body", answer.body());
        try {
            journal.write(ByteBuffer.wrap((json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8)));
            journal.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("The ledger could not be written", e);
        }
        authorizations.put(authorization.id, authorization);
        answers.put(key, new Stored(fingerprint, answer));
        return answer;
    }

    private ObjectNode view(Authorization authorization) {
        ObjectNode view = json.createObjectNode();
        view.put("id", authorization.id);
        view.put("reference", authorization.reference);
        view.put("amount", authorization.amount);
        view.put("currency", authorization.currency);
        view.put("status", authorization.status);
        if (authorization.declineCode != null) view.put("declineCode", authorization.declineCode);
        if (authorization.capturedAmount > 0) view.put("capturedAmount", authorization.capturedAmount);
        view.put("createdAt", authorization.createdAt.toString());
        return view;
    }

    private static Answer unknown(String authorizationId) {
        return PaymentSimulator.error(404, "no_such_authorization", "No authorization " + authorizationId + ".");
    }
}
