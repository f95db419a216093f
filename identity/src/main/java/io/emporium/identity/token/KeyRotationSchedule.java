package io.emporium.identity.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Rotates the signing key once it is older than the rotation period (checked every ten minutes). */
@Component
class KeyRotationSchedule {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationSchedule.class);
    private final SigningKeys keys;

    KeyRotationSchedule(SigningKeys keys) {
        this.keys = keys;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void rotateWhenDue() {
        if (keys.due()) log.info("Rotated the signing key; {} is the new one", keys.rotate().getKeyID());
    }
}
