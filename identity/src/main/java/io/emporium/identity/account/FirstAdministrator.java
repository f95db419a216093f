package io.emporium.identity.account;

import io.emporium.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** The first administrator, from the password 'up' generated (never a default); nothing when none is given. */
@Component
class FirstAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
    private final Accounts accounts;
    private final IdentityProperties properties;

    FirstAdministrator(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.adminPassword() == null || properties.adminPassword().isBlank()) return;
        if (accounts.ensureAdministrator(properties.adminEmail(), properties.adminPassword())) {
            log.info("Made the first administrator (the account of EMPORIUM_IDENTITY_ADMIN_EMAIL)"); // no address in logs
        }
    }
}
