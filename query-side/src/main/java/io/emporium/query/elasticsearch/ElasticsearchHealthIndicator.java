package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.util.Optional;

import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Elasticsearch in health, as the service meets it: DOWN when it cannot be reached, when it refuses the service's
 * credentials or a privilege (this check's own request, or the service's requests of the last moments: see
 * {@link RefusedCredentials}); OUT_OF_SERVICE when the cluster is red; otherwise UP with the cluster's status. It takes the place
 * of Spring Boot's own indicator (same name), which would only say "DOWN" with the raw exception.
 */
@Component("elasticsearchHealthIndicator")
class ElasticsearchHealthIndicator extends AbstractHealthIndicator {

    private final RestClient client;
    private final RefusedCredentials refusals;

    ElasticsearchHealthIndicator(@Qualifier("elasticsearchRestClient") RestClient client, RefusedCredentials refusals) {
        this.client = client;
        this.refusals = refusals;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        String clusterStatus;
        try {
            String body = new String(client.performRequest(new Request("GET", "/_cluster/health")).getEntity().getContent().readAllBytes());
            clusterStatus = body.replaceAll("(?s).*\"status\"\\s*:\\s*\"([a-z]+)\".*", "$1");
        } catch (ResponseException answered) {
            int status = answered.getResponse().getStatusLine().getStatusCode();
            if (status == 401 || status == 403) {
                Optional<RefusedCredentials.Refusal> refusal = refusals.current();
                health.down().withDetail("reason", refusal.map(RefusedCredentials.Refusal::reason)
                        .orElse("Elasticsearch refused the service (" + status + ")"));
                return;
            }
            health.down().withDetail("reason", "Elasticsearch answered " + status + " to the cluster health request");
            return;
        } catch (IOException away) {
            health.down().withDetail("reason", "Elasticsearch cannot be reached: " + away.getClass().getSimpleName()
                    + (away.getMessage() == null ? "" : " " + away.getMessage()));
            return;
        }
        Optional<RefusedCredentials.Refusal> refusal = refusals.current();
        if (refusal.isPresent()) {
            health.down().withDetail("reason", refusal.get().reason()).withDetail("cluster", clusterStatus);
        } else if ("red".equals(clusterStatus)) {
            health.outOfService().withDetail("reason", "the cluster is red").withDetail("cluster", clusterStatus);
        } else {
            health.up().withDetail("cluster", clusterStatus);
        }
    }
}
