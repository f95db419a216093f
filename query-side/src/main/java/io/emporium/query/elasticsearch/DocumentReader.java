package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
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
public class DocumentReader {

    private final ElasticsearchClient client;
    private final ObjectMapper json;

    public DocumentReader(ElasticsearchClient client) {
        this.client = client;
        this.json = ((JacksonJsonpMapper) client._jsonpMapper()).objectMapper();
    }

    public <T> Optional<T> read(String index, String id, Class<T> type) throws IOException {
        GetResponse<ObjectNode> found = client.get(g -> g.index(index).id(id), ObjectNode.class);
        return found.found() ? map(index, id, found.source(), type) : Optional.empty();
    }

    /** Many documents in one request, unmapped: ids that do not exist are absent from the answer. */
    public Map<String, ObjectNode> readRaw(String index, Collection<String> ids) throws IOException {
        Map<String, ObjectNode> found = new HashMap<>();
        if (ids.isEmpty()) return found;
        MgetResponse<ObjectNode> response = client.mget(m -> m.index(index).ids(List.copyOf(ids)), ObjectNode.class);
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) throw new IOException("Cannot read " + index + "/" + item.failure().id() + ": " + item.failure().error().reason());
            if (item.result().found() && item.result().source() != null) found.put(item.result().id(), item.result().source());
        }
        return found;
    }

    public <T> Optional<T> map(String index, String id, ObjectNode source, Class<T> type) {
        if (source == null) return Optional.empty();
        try {
            return Optional.of(json.treeToValue(source, type));
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
