package io.emporium.query.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
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
    ElasticsearchClient elasticsearchClient(RestClient elasticsearchRestClient, JsonpMapper mapper) {
        return new ElasticsearchClient(new RestClientTransport(elasticsearchRestClient, mapper));
    }

    @Bean(SEARCH)
    ElasticsearchClient searchClient(@Qualifier("searchRestClient") RestClient searchRestClient, JsonpMapper mapper) {
        return new ElasticsearchClient(new RestClientTransport(searchRestClient, mapper));
    }
}
