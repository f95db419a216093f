package io.emporium.query.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.query.basket.BasketRefusedException;
import io.emporium.query.basket.BasketUnavailableException;
import io.emporium.query.redis.SharedRedis;
import io.lettuce.core.SetArgs;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The answers of checkouts, per customer and Idempotency-Key, beside their baskets in Redis: a repeat of a checkout
 * that placed its order gets the same order (also once its basket is empty); the key used for another request is
 * refused. Kept for {@code emporium.checkout.answer-ttl}.
 */
@Component
class CheckoutAnswers {

    private final SharedRedis redis;
    private final ObjectMapper json;
    private final CheckoutProperties properties;

    CheckoutAnswers(SharedRedis redis, ObjectMapper json, CheckoutProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    Optional<CheckoutAnswer> find(String customerId, String idempotencyKey, String fingerprint) {
        Optional<byte[]> stored = redis.callWithoutFallback(r -> Optional.ofNullable(r.get(key(customerId, idempotencyKey))))
                .orElseThrow(BasketUnavailableException::new);
        if (stored.isEmpty()) return Optional.empty();
        try {
            JsonNode entry = json.readTree(stored.get());
            if (!entry.path("fingerprint").asText().equals(fingerprint)) {
                throw new BasketRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                        "This Idempotency-Key was used for another checkout; use a new key for a new checkout.");
            }
            return Optional.of(json.treeToValue(entry.get("answer"), CheckoutAnswer.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored checkout answer is not readable", e);
        }
    }

    void save(String customerId, String idempotencyKey, String fingerprint, CheckoutAnswer answer) {
        ObjectNode entry = json.createObjectNode().put("fingerprint", fingerprint);
        entry.set("answer", json.valueToTree(answer));
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(entry);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        redis.callWithoutFallback(r -> r.set(key(customerId, idempotencyKey), bytes, SetArgs.Builder.px(properties.answerTtl().toMillis())))
                .orElseThrow(BasketUnavailableException::new);
    }

    /** The key is hashed: whatever a client sends, the Redis key stays short and plain. */
    private String key(String customerId, String idempotencyKey) {
        return redis.keyPrefix() + "checkout:" + customerId + ":" + sha256(idempotencyKey);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
