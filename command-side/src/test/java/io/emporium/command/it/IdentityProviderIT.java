package io.emporium.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.emporium.testsupport.TestIssuer;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The command service told nothing but an OpenID Connect issuer's URI: it finds the keys through discovery and takes
 * the tokens that issuer hands out (client credentials grant), with their roles.
 */
class IdentityProviderIT {

    @Test
    void tokensOfTheConfiguredIssuerAreTakenWithTheirRoles() {
        try (TestIssuer issuer = new TestIssuer().client("shop-staff", "staff-secret", "merchant").client("carol", "carol-secret", "customer");
             CommandService service = CommandService.start(TestServices.newDatabase(), "emporium.identity.public-key=",
                     "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.uri())) {
            String product = "{\"sku\":\"IDP-1\",\"name\":\"n\",\"description\":\"\",\"category\":\"c\",\"price\":1.00,\"initialStock\":1}";

            HttpResponse<String> byStaff = service.post("/api/products", product, "Authorization", TestTokens.bearer(issuer.tokenFor("shop-staff", "staff-secret")));
            assertThat(byStaff.statusCode()).as(byStaff.body()).isEqualTo(201);
            assertThat(service.post("/api/products", product, "Authorization", TestTokens.bearer(issuer.tokenFor("carol", "carol-secret")))
                    .statusCode()).isEqualTo(403);
            assertThat(service.post("/api/products", product, "Authorization", TestTokens.bearer(TestTokens.merchant())).statusCode())
                    .as("a token of another issuer").isEqualTo(401);
        }
    }
}
