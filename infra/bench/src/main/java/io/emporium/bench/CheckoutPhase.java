package io.emporium.bench;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buying at a number of concurrent customers, each with a token of their own and one basket: put a product in the
 * basket (read it, then change it against its version), then check it out with an approving test card. A checkout's
 * latency is the checkout call's (prices read again, the order placed through the command service, the answer kept);
 * the rate counts whole rounds. The order's payment (the saga, the payments processor, the simulator) runs meanwhile
 * and is in the CPU figures.
 */
final class CheckoutPhase {

    record Result(double checkoutsPerSec, double p50Ms, double p99Ms, long checkouts, long failed,
                  Map<Integer, ClosedLoop.Failures> failures) {
    }

    private static final String ADDRESS = "{\"name\":\"Bench Customer\",\"line1\":\"1 Load Street\",\"postalCode\":\"1000\","
            + "\"city\":\"Brussels\",\"country\":\"BE\"}";

    private final List<Http> customers;
    private final String queryUrl;
    private final List<WritePhase.Created> products;

    /** @param customers one client per customer token: a customer has one basket, so each client buys as its own */
    CheckoutPhase(List<Http> customers, String queryUrl, List<WritePhase.Created> products) {
        this.customers = customers;
        this.queryUrl = queryUrl;
        this.products = products;
    }

    Result run(int seconds, long seed) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ThreadLocal<Http> customer = ThreadLocal.withInitial(() -> customers.get(next.getAndIncrement() % customers.size()));
        ClosedLoop.Outcome outcome = ClosedLoop.run("checkout", customers.size(), seconds, seed, random -> checkout(customer.get(), random));
        Latencies latencies = outcome.latencies();
        Progress.done("checkout", String.format("%,.1f checkouts/s", outcome.perSecond()));
        return new Result(outcome.perSecond(), latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.count(), outcome.failed(),
                outcome.failures());
    }

    private Http.Answer checkout(Http http, Random random) {
        Http.Answer basket = http.get(queryUrl + "/api/basket");
        if (!basket.ok()) return basket;
        String version = basket.json().path("version").asText();
        if (basket.json().path("lines").isEmpty()) {
            String product = products.get(random.nextInt(products.size())).id();
            Http.Answer line = http.send("PUT", queryUrl + "/api/basket/lines/" + product, "{\"quantity\":1}", "If-Match", "\"" + version + "\"");
            if (!line.ok()) return line;
            basket = line;
            version = line.json().path("version").asText();
        }
        String total = basket.json().path("total").asText();
        return http.send("POST", queryUrl + "/api/checkout", "{\"expectedTotal\":" + total + ",\"paymentToken\":\"tok_approve\","
                + "\"shippingAddress\":" + ADDRESS + "}", "Idempotency-Key", UUID.randomUUID().toString(), "If-Match", "\"" + version + "\"");
    }
}
