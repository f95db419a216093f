package io.emporium.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A mix of typical searches at a number of concurrent clients, through the query service, then the very same
 * Elasticsearch requests (as the service builds them) sent to Elasticsearch directly.
 */
final class SearchPhase {

    record Side(double requestsPerSec, double p50Ms, double p99Ms, long failed) {
    }

    record Result(Side service, Side direct) {
        double p99Ratio() {
            return service.p99Ms / direct.p99Ms;
        }
    }

    /** Query strings of the service's search and suggest endpoints: typos, prefixes, filters, facets, sorts, paging. */
    static final List<String> SEARCHES = List.of(
            "search?q=stonewear+mug", "search?q=jackit", "search?q=wireles+headphon", "search?q=coff",
            "search?q=lamp&category=office&category=kitchen", "search?category=outdoor&minPrice=20&maxPrice=120&sort=price_asc",
            "search?q=oak&inStock=true&sort=newest", "search?sort=name&page=3&size=20", "search?q=premium+leather&sort=price_desc",
            "search?category=apparel&inStock=true", "suggest?prefix=ker", "suggest?prefix=wool");

    private final Http anonymous = new Http(null, null);
    private final Http admin;
    private final String queryUrl;
    private final String esUrl;

    SearchPhase(Http admin, String queryUrl, String esUrl) {
        this.admin = admin;
        this.queryUrl = queryUrl;
        this.esUrl = esUrl;
    }

    Result run(int clients, int seconds, String alias, long seed) throws InterruptedException {
        List<String> bodies = new ArrayList<>();
        for (String search : SEARCHES) {
            String endpoint = search.startsWith("search") ? search.replaceFirst("search", "search/request") : search.replaceFirst("suggest", "suggest/request");
            bodies.add(admin.get(queryUrl + "/api/products/" + endpoint).orFail("request body of " + search).body());
        }
        Side service = load("service", clients, seconds, seed, i -> anonymous.get(queryUrl + "/api/products/" + SEARCHES.get(i)));
        Side direct = load("direct", clients, seconds, seed, i -> anonymous.post(esUrl + "/" + alias + "/_search", bodies.get(i)));
        Progress.done("search", String.format("service p99 %.1f ms, direct p99 %.1f ms: ratio %.2f",
                service.p99Ms, direct.p99Ms, service.p99Ms / direct.p99Ms));
        return new Result(service, direct);
    }

    private Side load(String step, int clients, int seconds, long seed, java.util.function.IntFunction<Http.Answer> call)
            throws InterruptedException {
        ClosedLoop.Outcome outcome = ClosedLoop.run("search " + step, clients, seconds, seed, random -> call.apply(random.nextInt(SEARCHES.size())));
        Latencies latencies = outcome.latencies();
        Side side = new Side(outcome.perSecond(), latencies.percentileMillis(50), latencies.percentileMillis(99), outcome.failed());
        Progress.done("search " + step, String.format("%,.0f requests/s, p50 %.1f ms, p99 %.1f ms", side.requestsPerSec, side.p50Ms, side.p99Ms));
        return side;
    }
}
