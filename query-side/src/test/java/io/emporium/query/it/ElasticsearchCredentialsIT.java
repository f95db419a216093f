package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The service's Elasticsearch password changed behind its back (in the file realm, as an operator rotating it would):
 * searches answer 503 with Retry-After, the {@code elasticsearch} health component says DOWN and why, the refusals are
 * counted; with the password back, searches answer 200 again without a restart.
 */
class ElasticsearchCredentialsIT {

    @Test
    void refusedCredentialsAreTheServersTroubleAndSearchRecoversWhenTheyWorkAgain() throws Exception {
        TestServices.Login login = TestServices.elasticsearchRotatedLogin();
        Path users = TestServices.elasticsearchUsersFile();
        assertThat(login).as("a login whose password may change, from the test environment (infra/emporium test)").isNotNull();
        assertThat(users).as("the realm file of the Elasticsearch infra/emporium runs").isNotNull();
        String original = Files.readString(users);
        try (QueryService service = QueryService.startOnFreshStore("spring.elasticsearch.username=" + login.username(),
                "spring.elasticsearch.password=" + login.password())) {
            Money price = new Money(new BigDecimal("4.20"), "EUR");
            long version = service.events().product("p-1", new ProductCreatedEvent("p-1", "SKU-1", "Teapot", "", "kitchen", price, 3, CatalogueDetails.NONE));
            service.awaitProducts(Map.of("p-1", version), Duration.ofSeconds(30));
            assertThat(service.get("/api/products/search?q=teapot").statusCode()).isEqualTo(200);

            String changed = UUID.randomUUID().toString();
            replacePassword(users, original, login.username(), changed);
            HttpResponse<String> refused = await("searches refused once Elasticsearch reloaded its users")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> service.get("/api/products/search?q=teapot"), answer -> answer.statusCode() != 200);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
            assertThat(json(refused).get("detail").asText()).contains("credentials");
            assertThat(service.get("/api/orders", "Authorization", "Bearer " + io.emporium.testsupport.TestTokens.merchant())
                    .statusCode()).as("order lists too").isEqualTo(503);

            HttpResponse<String> health = service.asAdmin("GET", "/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            JsonNode elasticsearch = json(health).get("components").get("elasticsearch");
            assertThat(elasticsearch.get("status").asText()).isEqualTo("DOWN");
            assertThat(elasticsearch.get("details").get("reason").asText()).contains("401").contains("credentials");
            assertThat(health.body()).doesNotContain(login.password()).doesNotContain(changed);
            assertThat(service.asAdmin("GET", "/actuator/prometheus").body())
                    .containsPattern("emporium_elasticsearch_refusals_total\\{status=\"401\"\\} [1-9]");

            writeAtomically(users, original);
            await("searches answered again with the password back, without a restart").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250)).until(() -> service.get("/api/products/search?q=teapot").statusCode() == 200);
            assertThat(json(service.get("/api/products/search?q=teapot")).get("total").asLong()).isEqualTo(1);
            await("health UP again").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .until(() -> json(service.asAdmin("GET", "/actuator/health")).get("components").get("elasticsearch")
                            .get("status").asText().equals("UP"));
        } finally {
            writeAtomically(users, original);
        }
    }

    /** The user's line with the hash of another password; the rest of the file as it was. */
    private static void replacePassword(Path users, String original, String user, String password) throws IOException {
        String hash = new BCryptPasswordEncoder().encode(password);
        List<String> lines = original.lines().map(line -> line.startsWith(user + ":") ? user + ":" + hash : line).toList();
        assertThat(lines).anyMatch(line -> line.startsWith(user + ":" + hash));
        writeAtomically(users, String.join("\n", lines) + "\n");
    }

    /** As the script writes the realm: a new file beside it, readable by Elasticsearch's user, moved over it at once. */
    private static void writeAtomically(Path users, String content) throws IOException {
        Path next = Files.createTempFile(users.getParent(), "users", ".next");
        Files.writeString(next, content);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
        String owner = TestServices.elasticsearchServiceUser();
        if (owner != null && "root".equals(System.getProperty("user.name"))) {
            Files.setOwner(next, next.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
        }
        Files.move(next, users, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
