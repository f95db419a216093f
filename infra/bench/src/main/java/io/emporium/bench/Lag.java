package io.emporium.bench;

/** Waits until every projection's live processor has handled every event in the store (lag 0, per the admin API). */
final class Lag {

    private Lag() {
    }

    /** @return seconds it took */
    static double awaitCaughtUp(Http admin, String queryUrl, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            long lag = 0;
            for (var projection : admin.get(queryUrl + "/admin/projections").orFail("projections").json()) lag += projection.get("lag").asLong();
            if (lag == 0) break;
            Progress.show("catching up", (long) ((System.nanoTime() - start) / 1e9), maxSeconds, String.format("s  %,d events behind", lag));
            Thread.sleep(200);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
