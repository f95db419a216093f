package io.emporium.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mix of typical searches (each with every facet, collapsed by group of variants) at a number of concurrent clients,
 * through the query service, then the very same
 * Elasticsearch requests (as the service builds them, both of a search with highlights) sent to Elasticsearch directly.
 */
final class SearchPhase {

    record Side(double requestsPerSec, double p50Ms, double p99Ms, long failed) {
    }

    /** @param floor a bare match on the name, sent to Elasticsearch: what any search costs at the least */
    record Result(Side service, Side direct, Map<String, Side[]> byClass, Side floor) {
        double p99Ratio() {
            return service.p99Ms / direct.p99Ms;
        }

        double p99OverFloor() {
            return service.p99Ms / floor.p99Ms;
        }
    }

    /** The same searches by kind, each measured alone (service and direct) for a share of the phase's time. */
    static final Map<String, List<String>> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("typo", List.of("search?q=stonewear+mug", "search?q=jackit", "search?q=wireles+headphon"));
        CLASSES.put("prefix", List.of("search?q=coff", "search?q=kett"));
        CLASSES.put("filters", List.of("search?category=outdoor&minPrice=20&maxPrice=120&sort=price_asc", "search?category=apparel&inStock=true"));
        CLASSES.put("facets", List.of("search?q=lamp&category=office&category=kitchen", "search?q=oak&inStock=true"));
        CLASSES.put("sort", List.of("search?q=oak&inStock=true&sort=newest", "search?sort=name&page=3&size=20", "search?q=premium+leather&sort=price_desc"));
        CLASSES.put("attributes", List.of("search?q=mug&attr=colour:red", "search?category=kitchen&brand=Acme&attr=dishwasher-safe:yes",
                "search?q=bottle&attr=capacity:1&attr=colour:blue&attr=colour:green"));
        CLASSES.put("suggest", List.of("suggest?prefix=ker", "suggest?prefix=wool"));
    }

    static final String FLOOR_BODY = "{\"size\":20,\"query\":{\"match\":{\"name\":\"leather\"}}}";

    /** Query strings of the service's search and suggest endpoints: typos, prefixes, filters, facets, attributes, sorts, paging. */
    static final List<String> SEARCHES = List.of(
            "search?q=stonewear+mug", "search?q=jackit", "search?q=wireles+headphon", "search?q=coff",
            "search?q=lamp&category=office&category=kitchen", "search?category=outdoor&minPrice=20&maxPrice=120&sort=price_asc",
            "search?q=oak&inStock=true&sort=newest", "search?sort=name&page=3&size=20", "search?q=premium+leather&sort=price_desc",
            "search?category=apparel&inStock=true", "search?q=mug&attr=colour:red", "search?category=kitchen&brand=Acme&attr=dishwasher-safe:yes",
            "suggest?prefix=ker", "suggest?prefix=wool");

    private final Http anonymous = new Http(null);
    private final Http admin;
    private final String queryUrl;
    private final String esUrl;
    private final Http toElasticsearch;

    /** @param elasticsearch null where only searches through the service are run */
    SearchPhase(Http admin, String queryUrl, Elasticsearch elasticsearch) {
        this.admin = admin;
        this.queryUrl = queryUrl;
        this.esUrl = elasticsearch == null ? null : elasticsearch.url();
        this.toElasticsearch = elasticsearch == null ? null : elasticsearch.http();
    }

    /** The mix through the service alone. */
    Side throughService(int clients, int seconds, long seed) throws InterruptedException {
        return load("service", clients, seconds, seed, SEARCHES.size(), i -> throughService(SEARCHES.get(i)));
    }

    /** One search or suggestion (its query string) through the query service, as an anonymous shopper. */
    private Http.Answer throughService(String search) {
        return anonymous.get(queryUrl + "/api/products/" + search);
    }

    Result run(int clients, int seconds, String alias, long seed) throws InterruptedException {
        List<List<Sent>> requests = requests(SEARCHES);
        // Both paths warmed first, not measured: the service's search path is cold after a rebuild and its JIT
        // compiler needs about a minute of searches on two cores; Elasticsearch needs only its caches filled.
        int classSeconds = Math.max(2, seconds / 6);
        load("service warm-up", clients, seconds, seed, SEARCHES.size(), i -> throughService(SEARCHES.get(i)));
        load("direct warm-up", clients, classSeconds, seed, SEARCHES.size(), i -> direct(requests.get(i)));
        Side service = throughService(clients, seconds, seed);
        Side direct = load("direct", clients, seconds, seed, SEARCHES.size(), i -> direct(requests.get(i)));
        Progress.done("search", String.format("service p99 %.1f ms, direct p99 %.1f ms: ratio %.2f",
                service.p99Ms, direct.p99Ms, service.p99Ms / direct.p99Ms));
        Map<String, Side[]> byClass = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> kind : CLASSES.entrySet()) {
            List<String> searches = kind.getValue();
            List<List<Sent>> classRequests = requests(searches);
            byClass.put(kind.getKey(), new Side[] {
                    load(kind.getKey() + " service", clients, classSeconds, seed, searches.size(), i -> throughService(searches.get(i))),
                    load(kind.getKey() + " direct", clients, classSeconds, seed, searches.size(), i -> direct(classRequests.get(i)))});
        }
        Side floor = load("floor (bare match)", clients, classSeconds, seed, 1, i -> toElasticsearch.post(esUrl + "/" + alias + "/_search", FLOOR_BODY));
        return new Result(service, direct, byClass, floor);
    }

    /** One request the service sends to Elasticsearch: path (with its parameters) and body. */
    record Sent(String path, String body) {
    }

    /** The Elasticsearch requests the service sends for each of these searches (a search with highlights sends two). */
    private List<List<Sent>> requests(List<String> searches) {
        List<List<Sent>> all = new ArrayList<>();
        for (String search : searches) {
            String endpoint = search.replaceFirst("^(search|suggest)", "$1/requests");
            List<Sent> sent = new ArrayList<>();
            admin.get(queryUrl + "/api/products/" + endpoint).orFail("requests of " + search).json()
                    .forEach(request -> sent.add(new Sent(request.get("path").asText(), request.get("body").toString())));
            all.add(sent);
        }
        return all;
    }

    /** The service's requests of one search, one after the other, as the service sends them; failed if one fails. */
    private Http.Answer direct(List<Sent> requests) {
        long nanos = 0;
        Http.Answer answer = null;
        for (Sent request : requests) {
            answer = toElasticsearch.post(esUrl + request.path(), request.body());
            nanos += answer.nanos();
            if (!answer.ok()) break;
        }
        return new Http.Answer(answer.status(), answer.body(), nanos);
    }

    private Side load(String step, int clients, int seconds, long seed, int choices, java.util.function.IntFunction<Http.Answer> call)
            throws InterruptedException {
        ClosedLoop.Outcome outcome = ClosedLoop.run("search " + step, clients, seconds, seed, random -> call.apply(random.nextInt(choices)));
        Latencies latencies = outcome.latencies();
        Side side = new Side(outcome.perSecond(), latencies.percentileMillis(50), latencies.percentileMillis(99), outcome.failed());
        Progress.done("search " + step, String.format("%,.0f requests/s, p50 %.1f ms, p99 %.1f ms", side.requestsPerSec, side.p50Ms, side.p99Ms));
        return side;
    }
}
