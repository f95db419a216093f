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

    /**
     * Many documents in one request, unmapped, each with the point of its last write: ids that do not exist are absent
     * from the answer.
     */
    public Map<String, StoredDocument> readStored(String index, Collection<String> ids) throws IOException {
        Map<String, StoredDocument> found = new HashMap<>();
        if (ids.isEmpty()) return found;
        MgetResponse<ObjectNode> response = client.mget(m -> m.index(index).ids(List.copyOf(ids)), ObjectNode.class);
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isFailure()) throw new IOException("Cannot read " + index + "/" + item.failure().id() + ": " + item.failure().error().reason());
            var result = item.result();
            if (result.found() && result.source() != null) {
                found.put(result.id(), new StoredDocument(result.source(), result.seqNo(), result.primaryTerm()));
            }
        }
        return found;
    }

    /** One document with the point of its last write, or empty when it does not exist. */
    public Optional<StoredDocument> readStored(String index, String id) throws IOException {
        GetResponse<ObjectNode> found = client.get(g -> g.index(index).id(id), ObjectNode.class);
        return found.found() && found.source() != null
                ? Optional.of(new StoredDocument(found.source(), found.seqNo(), found.primaryTerm()))
                : Optional.empty();
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

    /**
     * A document as Elasticsearch holds it, with the sequence number and primary term of its last write: a write
     * conditional on them ({@code if_seq_no}, {@code if_primary_term}) succeeds only if nobody wrote the document since
     * it was read, whatever wrote it and whatever its {@code _version} says.
     */
    public record StoredDocument(ObjectNode source, long seqNo, long primaryTerm) {
    }

    /** A stored document that does not map to its type: a fault of the data, not of Elasticsearch. */
    public static class UnreadableDocumentException extends RuntimeException {
        public UnreadableDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
