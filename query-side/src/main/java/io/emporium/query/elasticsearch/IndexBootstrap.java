package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Creates a projection's first index generation behind its alias at start-up, when the alias does not exist yet.
 * Settings and mappings live in {@code elasticsearch/<projection>.json}.
 */
@Component
public class IndexBootstrap {

    private static final Logger log = LoggerFactory.getLogger(IndexBootstrap.class);

    private final ElasticsearchClient client;
    private final IndexProperties names;

    public IndexBootstrap(ElasticsearchClient client, IndexProperties names) {
        this.client = client;
        this.names = names;
    }

    public void ensureAlias(String projection) {
        String alias = names.alias(projection);
        try {
            if (client.indices().existsAlias(a -> a.name(alias)).value()) {
                return;
            }
            String index = names.index(projection, 1);
            try (InputStream definition = definition(projection)) {
                client.indices().create(c -> c.index(index).withJson(definition).aliases(alias, a -> a.isWriteIndex(true)));
            }
            log.info("Created index {} behind alias {}", index, alias);
        } catch (ElasticsearchException e) {
            // Another instance created it first: fine, as long as the alias now exists.
            if (!"resource_already_exists_exception".equals(e.error().type())) throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the " + projection + " index in Elasticsearch", e);
        }
    }

    public static InputStream definition(String projection) throws IOException {
        return new ClassPathResource("elasticsearch/" + projection + ".json").getInputStream();
    }
}
