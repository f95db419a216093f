package io.emporium.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.elasticsearch.client.RestClient;

/**
 * The products rebuild, timed from the rebuild request to the alias swap, with what each stretch of it cost
 * ({@link RebuildCosts}); the batch-size-1 baseline over a sample; and Elasticsearch's own bulk rate for the same
 * final documents (same bulk size, same client, no replicas, no refresh).
 */
final class RebuildPhase {

    record Result(double eventsPerSec, long events, double seconds, double esDocsPerSec, double batchOneEventsPerSec,
                  double speedup, List<Map<String, Object>> stretches) {
    }

    private static final long STRETCH_NANOS = 30_000_000_000L;

    private final Http admin;
    private final String queryUrl;
    private final Elasticsearch elasticsearch;
    private final String esUrl;
    private final Http toElasticsearch;
    private final RebuildCosts costs;

    RebuildPhase(Http admin, String queryUrl, Elasticsearch elasticsearch, Long esPid, Long queryPid) {
        this.admin = admin;
        this.queryUrl = queryUrl;
        this.elasticsearch = elasticsearch;
        this.esUrl = elasticsearch.url();
        this.toElasticsearch = elasticsearch.http();
        this.costs = new RebuildCosts(toElasticsearch, esUrl, esPid, queryPid);
    }

    Result run(int sampleEvents, int bulkSize) throws Exception {
        awaitCaughtUp();
        double batchOne = batchOneRate(sampleEvents);
        JsonNode before = products();
        long events = before.get("head").asLong();
        long start = System.nanoTime();
        admin.post(queryUrl + "/admin/projections/products/rebuild", null).orFail("rebuild");
        JsonNode now = products();
        String index = null;
        long nextStretch = 0;
        while (now.get("generation").asInt() == before.get("generation").asInt()) {
            JsonNode rebuild = now.get("rebuild");
            if (rebuild != null && !rebuild.isNull()) {
                index = rebuild.get("index").asText();
                Progress.show("rebuild", rebuild.get("processed").asLong(), rebuild.get("total").asLong(),
                        String.format("events  %,.0f/s", rebuild.get("eventsPerSecond").asDouble()));
                if (System.nanoTime() >= nextStretch) {
                    costs.mark(index, rebuild.get("processed").asLong());
                    nextStretch = System.nanoTime() + STRETCH_NANOS;
                }
            }
            Thread.sleep(200);
            now = products();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (index != null) costs.mark(now.get("index").asText(), events); // the swap: the same index, now live
        double rate = events / seconds;
        Progress.done("rebuild", String.format("%,d events in %.1f s: %,.0f events/s (batch size 1: %,.0f events/s)", events, seconds, rate, batchOne));
        for (Map<String, Object> stretch : costs.stretches()) System.out.println("    " + stretch);
        double raw = rawBulkRate(now.get("index").asText(), bulkSize);
        Progress.done("es bulk", String.format("%,.0f documents/s", raw));
        return new Result(rate, events, seconds, raw, batchOne, batchOne > 0 ? rate / batchOne : Double.NaN, costs.stretches());
    }

    /** A rebuild with batches of one event, over the first events of the store, then cancelled. */
    private double batchOneRate(int sampleEvents) throws InterruptedException {
        admin.post(queryUrl + "/admin/projections/products/rebuild?batchSize=1", null).orFail("baseline replay");
        long start = System.nanoTime();
        long processed = 0;
        long limit = System.nanoTime() + 600_000_000_000L;
        while (processed < sampleEvents && System.nanoTime() < limit) {
            Thread.sleep(250);
            JsonNode rebuild = products().get("rebuild");
            if (rebuild == null || rebuild.isNull()) break; // a small store: it completed
            processed = rebuild.get("processed").asLong();
            Progress.show("batch of 1", processed, sampleEvents, "events");
        }
        double rate = processed / ((System.nanoTime() - start) / 1e9);
        if (!products().get("rebuild").isNull()) admin.send("DELETE", queryUrl + "/admin/projections/products/rebuild", null).orFail("cancel");
        Progress.done("batch of 1", String.format("%,.0f events/s over %,d events", rate, processed));
        return rate;
    }

    private void awaitCaughtUp() throws InterruptedException {
        JsonNode products = products();
        while (products.get("lag").asLong() > 0) {
            Progress.show("catching up", products.get("position").asLong(), products.get("head").asLong(), "events (live projection)");
            Thread.sleep(500);
            products = products();
        }
        Progress.done("catching up", "the live projection is at the head of the event store");
    }

    private JsonNode products() {
        for (JsonNode projection : admin.get(queryUrl + "/admin/projections").orFail("projections").json()) {
            if (projection.get("name").asText().equals("products")) return projection;
        }
        throw new IllegalStateException("no products projection");
    }

    /**
     * Copies every final document to a file, then times bulk-indexing them from it into a fresh index with the same
     * mapping: only the bulk requests are timed, and memory holds one bulk at a time, whatever the catalogue's size.
     */
    private double rawBulkRate(String liveIndex, int bulkSize) throws IOException {
        RestClient rest = elasticsearch.restClient();
        Path copy = Files.createTempFile("emporium-rebuild-documents", ".ndjson");
        try (RestClientTransport transport = new RestClientTransport(rest, new JacksonJsonpMapper())) {
            ElasticsearchClient es = new ElasticsearchClient(transport);
            long count = copyDocuments(es, liveIndex, copy);
            String raw = liveIndex + "-raw-bulk";
            es.indices().delete(d -> d.index(raw).ignoreUnavailable(true));
            // the same mappings and analysis as the live index, no replicas, no refresh
            ObjectNode definition = Http.JSON.createObjectNode();
            definition.set("mappings", toElasticsearch.get(esUrl + "/" + liveIndex + "/_mapping").json().get(liveIndex).get("mappings"));
            ObjectNode settings = definition.putObject("settings");
            JsonNode analysis = toElasticsearch.get(esUrl + "/" + liveIndex + "/_settings").json().get(liveIndex).get("settings").get("index").get("analysis");
            if (analysis != null) settings.set("analysis", analysis);
            settings.put("number_of_shards", 1).put("number_of_replicas", 0).put("refresh_interval", "-1");
            String body = Http.JSON.writeValueAsString(definition);
            es.indices().create(c -> c.index(raw).withJson(new StringReader(body)));
            long nanos = 0;
            try (BufferedReader lines = Files.newBufferedReader(copy)) {
                List<ObjectNode> batch = new ArrayList<>(bulkSize);
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    batch.add((ObjectNode) Http.JSON.readTree(line));
                    if (batch.size() == bulkSize) nanos += timedBulk(es, raw, batch);
                }
                if (!batch.isEmpty()) nanos += timedBulk(es, raw, batch);
            }
            es.indices().delete(d -> d.index(raw));
            return count / (nanos / 1e9);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Writes each document of the index as a line {"id": ..., "source": {...}}; answers how many. */
    private static long copyDocuments(ElasticsearchClient es, String index, Path copy) throws IOException {
        long count = 0;
        List<FieldValue> after = null;
        try (BufferedWriter out = Files.newBufferedWriter(copy)) {
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<ObjectNode> page = es.search(s -> {
                    s.index(index).size(1000).sort(o -> o.field(f -> f.field("productId")));
                    if (from != null) s.searchAfter(from);
                    return s;
                }, ObjectNode.class);
                List<Hit<ObjectNode>> hits = page.hits().hits();
                if (hits.isEmpty()) return count;
                for (Hit<ObjectNode> hit : hits) {
                    ObjectNode line = Http.JSON.createObjectNode().put("id", hit.id());
                    line.set("source", hit.source());
                    out.write(Http.JSON.writeValueAsString(line));
                    out.newLine();
                }
                count += hits.size();
                after = hits.get(hits.size() - 1).sort();
            }
        }
    }

    /** One bulk request of the batch's documents, timed with building it; empties the batch. */
    private static long timedBulk(ElasticsearchClient es, String index, List<ObjectNode> batch) throws IOException {
        long start = System.nanoTime();
        List<BulkOperation> operations = batch.stream()
                .map(line -> BulkOperation.of(o -> o.index(i -> i.index(index).id(line.get("id").asText()).document(line.get("source")))))
                .toList();
        es.bulk(b -> b.operations(operations));
        long nanos = System.nanoTime() - start;
        batch.clear();
        return nanos;
    }
}
