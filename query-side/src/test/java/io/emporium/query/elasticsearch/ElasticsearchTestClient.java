package io.emporium.query.elasticsearch;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** A client for tests that talk to Elasticsearch directly, with the service's own JSON mapping. */
public final class ElasticsearchTestClient {

    private ElasticsearchTestClient() {
    }

    public static RestClientTransport transport(String url) {
        return new RestClientTransport(RestClient.builder(HttpHost.create(url)).build(), new ElasticsearchJson().jsonpMapper());
    }
}
