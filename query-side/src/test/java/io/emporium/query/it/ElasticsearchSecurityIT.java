package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch with security on, as {@code infra/emporium} runs it (HTTPS, a login per client): every other test's
 * service already talks to it with the tests' login; here, credentials that cannot do what the service needs stop it at
 * start-up with an error that says what is missing, instead of a projection failing later.
 */
class ElasticsearchSecurityIT {

    @Test
    void everyTestTalksToElasticsearchOverHttpsWithALogin() {
        assertThat(TestServices.elasticsearchUrl()).as("the tests' Elasticsearch").startsWith("https://");
        assertThat(TestServices.elasticsearch("GET", "_security/_authenticate", null).statusCode()).isEqualTo(200);
        assertThat(TestServices.elasticsearch("GET", "_cluster/health", null, null).statusCode())
                .as("without credentials").isEqualTo(401);
    }

    @Test
    void credentialsWithTooFewPrivilegesAreRefusedAtStartUpSayingWhatIsMissing() {
        TestServices.Login reader = TestServices.elasticsearchReaderLogin();
        assertThat(reader).as("a read-only login from the test environment (infra/emporium test)").isNotNull();
        String prefix = TestServices.newIndexPrefix();
        TestDatabase database = QueryService.databaseWithEventStore();
        assertThatThrownBy(() -> QueryService.start(database, prefix, "spring.elasticsearch.username=" + reader.username(),
                "spring.elasticsearch.password=" + reader.password()).close())
                .hasStackTraceContaining("lack privileges")
                .hasStackTraceContaining(prefix + "products*:create_index")
                .hasStackTraceContaining(prefix + "orders*:write");
    }

    @Test
    void credentialsElasticsearchDoesNotKnowAreRefusedAtStartUp() {
        String unknownKey = Base64.getEncoder().encodeToString("no-such-id:no-such-secret".getBytes());
        TestDatabase database = QueryService.databaseWithEventStore();
        assertThatThrownBy(() -> QueryService.start(database, TestServices.newIndexPrefix(), "spring.elasticsearch.username=",
                "emporium.elasticsearch.api-key=" + unknownKey).close())
                .hasStackTraceContaining("refused the query service's credentials");
    }
}
