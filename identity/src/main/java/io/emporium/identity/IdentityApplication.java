package io.emporium.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The stack's OpenID provider: accounts, sign-up and sign-in pages, tokens for the storefront, console and machines. */
@SpringBootApplication
@EnableConfigurationProperties(IdentityProperties.class)
@EnableScheduling
public class IdentityApplication {

    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }
}
