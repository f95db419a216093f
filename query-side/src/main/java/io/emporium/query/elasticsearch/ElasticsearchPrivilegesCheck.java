package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.query.projection.IndexProperties;
import io.emporium.query.projection.Projections;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start-up, asks Elasticsearch whether the service's credentials hold every privilege the service needs, and
 * refuses to start, saying which are missing, when they do not (better than a projection failing on its first
 * write). Least privilege: {@code monitor} on the cluster (health), and on its own indices and aliases only
 * ({@code <prefix>products*}, {@code <prefix>orders*}) creating, deleting and managing them, reading and writing.
 * Where Elasticsearch cannot be reached yet, or runs without security, there is nothing to check.
 */
@Component
class ElasticsearchPrivilegesCheck implements ApplicationRunner {

    static final List<String> CLUSTER = List.of("monitor");
    static final List<String> INDEX = List.of("create_index", "delete_index", "manage", "read", "write");

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchPrivilegesCheck.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final List<String> indexPatterns;

    ElasticsearchPrivilegesCheck(@Qualifier("elasticsearchRestClient") RestClient client, Projections projections, IndexProperties names) {
        this.client = client;
        this.indexPatterns = projections.names().stream().map(projection -> names.alias(projection) + "*").toList();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Request request = new Request("POST", "/_security/user/_has_privileges");
        request.setJsonEntity(JSON.writeValueAsString(Map.of("cluster", CLUSTER,
                "index", List.of(Map.of("names", indexPatterns, "privileges", INDEX)))));
        JsonNode answer;
        try {
            answer = JSON.readTree(client.performRequest(request).getEntity().getContent());
        } catch (ResponseException refused) {
            int status = refused.getResponse().getStatusLine().getStatusCode();
            if (status == 401) {
                throw new IllegalStateException("Elasticsearch refused the query service's credentials (401): set"
                        + " EMPORIUM_ES_API_KEY (or spring.elasticsearch.username and password) to a key it knows");
            }
            log.info("Elasticsearch answered {} to the privileges check (security off?): nothing to check", status);
            return;
        } catch (IOException away) {
            log.warn("Could not check the privileges of the Elasticsearch credentials ({}); the service starts and retries", away.toString());
            return;
        }
        if (answer.path("has_all_requested").asBoolean()) return;
        List<String> missing = new ArrayList<>();
        answer.path("cluster").fields().forEachRemaining(p -> {
            if (!p.getValue().asBoolean()) missing.add("cluster:" + p.getKey());
        });
        answer.path("index").fields().forEachRemaining(index -> index.getValue().fields().forEachRemaining(p -> {
            if (!p.getValue().asBoolean()) missing.add(index.getKey() + ":" + p.getKey());
        }));
        throw new IllegalStateException("The Elasticsearch credentials of the query service (user "
                + answer.path("username").asText("?") + ") lack privileges it needs: " + String.join(", ", missing)
                + ". Give its API key cluster " + CLUSTER + " and " + INDEX + " on " + indexPatterns + ".");
    }
}
