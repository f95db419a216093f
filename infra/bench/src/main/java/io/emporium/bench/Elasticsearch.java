package io.emporium.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.net.ssl.SSLContext;

import co.elastic.clients.transport.TransportUtils;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Elasticsearch as the benchmark reaches it directly: its URL, the Authorization header (an API key or a user's) and the
 * CA of its certificate (both optional).
 */
record Elasticsearch(String url, String authorization, String caFile) {

    static Elasticsearch of(String url, String apiKey, String username, String password, String caFile) {
        String authorization = apiKey != null ? "ApiKey " + apiKey
                : username != null ? "Basic " + java.util.Base64.getEncoder().encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : null;
        return new Elasticsearch(url, authorization, caFile);
    }

    /** Plain HTTP requests with the key, trusting the CA. */
    Http http() {
        return new Http(authorization, sslContext());
    }

    /** The low-level client, for the Java client's requests. */
    RestClient restClient() {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(url));
        if (authorization != null) builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", authorization)});
        SSLContext ssl = sslContext();
        if (ssl != null) builder.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        return builder.build();
    }

    private SSLContext sslContext() {
        if (caFile == null) return null;
        try {
            return TransportUtils.sslContextFromHttpCaCrt(new File(caFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CA file " + caFile, e);
        }
    }
}
