package io.emporium.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.instrumentation.Instrumentation;
import co.elastic.clients.transport.instrumentation.OpenTelemetryForElasticsearch;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two connection pools to Elasticsearch: one for the projections (bulk writes, multi-gets, index management) and one
 * for the reads users wait for (search, suggest, reads by id): a burst of reads never starves the projections of
 * connections, nor the reverse.
 */
@Configuration
class ElasticsearchClients {

    static final String SEARCH = "searchClient";

    @Bean(destroyMethod = "close")
    @Primary
    RestClient elasticsearchRestClient(RestClientBuilder builder) {
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    RestClient searchRestClient(RestClientBuilder builder) {
        return builder.build(); // a pool of its own
    }

    @Bean
    @Primary
    ElasticsearchClient elasticsearchClient(RestClient elasticsearchRestClient, JsonpMapper mapper, Instrumentation tracing) {
        return new ElasticsearchClient(new RestClientTransport(elasticsearchRestClient, mapper, null, tracing));
    }

    @Bean(SEARCH)
    ElasticsearchClient searchClient(@Qualifier("searchRestClient") RestClient searchRestClient, JsonpMapper mapper, Instrumentation tracing) {
        return new ElasticsearchClient(new RestClientTransport(searchRestClient, mapper, null, tracing));
    }

    /**
     * Each request to Elasticsearch a span (bulk, search, ...) in the trace that made it, on Spring Boot's
     * OpenTelemetry where tracing is on (the client's own default would use the global one, which nothing configures).
     */
    @Bean
    Instrumentation elasticsearchTracing(ObjectProvider<OpenTelemetry> openTelemetry,
                                         @Value("${management.tracing.enabled:true}") boolean tracing) {
        OpenTelemetry configured = openTelemetry.getIfAvailable();
        return tracing && configured != null ? new OpenTelemetryForElasticsearch(configured, true)
                : new OpenTelemetryForElasticsearch(OpenTelemetry.noop(), false);
    }
}
