package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * Reads one document by id (realtime: refreshes do not matter). The transport and the mapping are kept apart: an
 * {@link IOException} means Elasticsearch is away, an {@link UnreadableDocumentException} that the stored document
 * itself is broken.
 */
@Component
public class Documents {

    private final ElasticsearchClient client;
    private final ObjectMapper json;

    public Documents(ElasticsearchClient client) {
        this.client = client;
        this.json = ((JacksonJsonpMapper) client._jsonpMapper()).objectMapper();
    }

    public <T> Optional<T> read(String index, String id, Class<T> type) throws IOException {
        GetResponse<ObjectNode> found = client.get(g -> g.index(index).id(id), ObjectNode.class);
        if (!found.found() || found.source() == null) return Optional.empty();
        try {
            return Optional.of(json.treeToValue(found.source(), type));
        } catch (JsonProcessingException e) {
            throw new UnreadableDocumentException(index + "/" + id + " cannot be read as " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A stored document that does not map to its type: a fault of the data, not of Elasticsearch. */
    public static class UnreadableDocumentException extends RuntimeException {
        public UnreadableDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
