package io.emporium.query.elasticsearch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLContext;

import co.elastic.clients.transport.TransportUtils;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * How the service proves itself to Elasticsearch and checks Elasticsearch in turn: an API key (or Spring Boot's
 * {@code spring.elasticsearch.username}/{@code password}) and, over HTTPS, a CA file or the CA's SHA-256 fingerprint
 * (as Elastic Cloud and a node's first start print it), for both connection pools; every answer is watched for a
 * refusal of the service ({@link RefusedCredentials}).
 * <p>
 * The credentials go with every request as a header. The HTTP client's own way of sending them unasked (its auth cache)
 * keeps the scheme Java-serialized and reads it back on each request: 4% of the query service's CPU per search.
 */
@Configuration
class ElasticsearchAccess {

    @Bean
    RestClientBuilderCustomizer elasticsearchCredentials(@Value("${emporium.elasticsearch.api-key:}") String apiKey,
                                                         @Value("${spring.elasticsearch.username:}") String username,
                                                         @Value("${spring.elasticsearch.password:}") String password,
                                                         @Value("${emporium.elasticsearch.ca-file:}") String caFile,
                                                         @Value("${emporium.elasticsearch.ca-fingerprint:}") String caFingerprint,
                                                         RefusedCredentials refusals) {
        SSLContext ssl = sslContext(caFile, caFingerprint);
        String authorization = authorization(apiKey, username, password);
        return new RestClientBuilderCustomizer() {
            @Override
            public void customize(RestClientBuilder builder) {
                if (authorization != null) builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, authorization)});
            }

            @Override
            public void customize(HttpAsyncClientBuilder http) {
                if (ssl != null) http.setSSLContext(ssl);
                http.disableAuthCaching();
                http.addInterceptorLast(refusals);
            }
        };
    }

    /** The Authorization header's value: the API key if there is one, else the user's, else none. */
    static String authorization(String apiKey, String username, String password) {
        if (StringUtils.hasText(apiKey)) return "ApiKey " + apiKey.trim();
        if (!StringUtils.hasText(username)) return null;
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext sslContext(String caFile, String caFingerprint) {
        try {
            if (StringUtils.hasText(caFile)) return TransportUtils.sslContextFromHttpCaCrt(new File(caFile));
            if (StringUtils.hasText(caFingerprint)) return TransportUtils.sslContextFromCaFingerprint(caFingerprint.replace(":", ""));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Elasticsearch CA file " + caFile, e);
        }
    }
}
