package io.emporium.command.personaldata;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Personal data in events, sealed with its customer's key (AES-GCM, the customer id as associated data, so a sealed
 * value cannot be passed off as another customer's). Events are immutable; erasing a customer deletes their key, and
 * every sealed copy (event store, snapshots, anything that copied the events) is unreadable from then on.
 */
@Component
public class PersonalData {

    private static final String PREFIX = "aesgcm1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CustomerKeys keys;
    private final ObjectMapper json;

    PersonalData(CustomerKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public String seal(String customerId, Object value) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.keyOf(customerId), iv, customerId);
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(value));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Personal data could not be sealed", e);
        }
    }

    /** The value, or empty when the customer's data was erased (or it was never sealed for this customer). */
    public <T> Optional<T> open(String customerId, String sealed, Class<T> type) {
        if (sealed == null || !sealed.startsWith(PREFIX)) return Optional.empty();
        Optional<byte[]> key = keys.find(customerId);
        if (key.isEmpty()) return Optional.empty();
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            byte[] iv = java.util.Arrays.copyOf(bytes, 12);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.get(), iv, customerId);
            return Optional.of(json.readValue(cipher.doFinal(bytes, 12, bytes.length - 12), type));
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Makes every piece of the customer's personal data unreadable, wherever it was copied. */
    public boolean erase(String customerId) {
        return keys.forget(customerId);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String customerId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(customerId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cipher;
    }
}
