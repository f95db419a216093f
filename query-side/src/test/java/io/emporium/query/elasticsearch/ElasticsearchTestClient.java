package io.emporium.query.elasticsearch;

import java.nio.file.Path;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.emporium.testsupport.TestServices;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** A client for tests that talk to Elasticsearch directly, with the service's own JSON mapping and the tests' login. */
public final class ElasticsearchTestClient {

    private ElasticsearchTestClient() {
    }

    public static RestClientTransport transport() {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(TestServices.elasticsearchUrl()));
        if (TestServices.elasticsearchLogin() != null) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", TestServices.elasticsearchLogin().authorization())});
        }
        if (TestServices.elasticsearchCaFile() != null) {
            builder.setHttpClientConfigCallback(http -> http.setSSLContext(TestServices.trusting(Path.of(TestServices.elasticsearchCaFile()))));
        }
        return new RestClientTransport(builder.build(), new ElasticsearchJson().jsonpMapper());
    }
}
