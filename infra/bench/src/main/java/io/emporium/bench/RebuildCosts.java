package io.emporium.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What each stretch of a rebuild cost, so that a rate that falls as the new index grows can be traced to its cause:
 * per 1,000 events, the CPU of the query service and of Elasticsearch, and the new index's own work (indexing, realtime
 * gets, refreshes, merges) from its statistics, with its size and segment count at the end of the stretch.
 */
final class RebuildCosts {

    private final Http elasticsearch;
    private final String esUrl;
    private final Long esPid;
    private final Long queryPid;
    private final List<Map<String, Object>> stretches = new ArrayList<>();
    private Mark last;

    RebuildCosts(Http elasticsearch, String esUrl, Long esPid, Long queryPid) {
        this.elasticsearch = elasticsearch;
        this.esUrl = esUrl;
        this.esPid = esPid;
        this.queryPid = queryPid;
    }

    /** Closes the current stretch at {@code processed} events (the first call only opens one). */
    void mark(String index, long processed) {
        Mark now = new Mark(processed, System.nanoTime(), CpuUse.processTicks(esPid), CpuUse.processTicks(queryPid), CpuUse.machineTicks()[0],
                elasticsearch.get(esUrl + "/" + index + "/_stats/docs,segments,indexing,get,refresh,merge").json()
                        .get("indices").get(index).get("total"));
        if (last != null && now.processed > last.processed) stretches.add(stretch(last, now));
        last = now;
    }

    List<Map<String, Object>> stretches() {
        return stretches;
    }

    private static Map<String, Object> stretch(Mark from, Mark to) {
        double thousands = (to.processed - from.processed) / 1000.0;
        double seconds = (to.nanos - from.nanos) / 1e9;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("untilEvent", to.processed);
        s.put("eventsPerSec", (to.processed - from.processed) / seconds);
        s.put("documents", to.stats.at("/docs/count").asLong());
        s.put("deletedDocuments", to.stats.at("/docs/deleted").asLong());
        s.put("segments", to.stats.at("/segments/count").asLong());
        s.put("queryServiceCpuMsPer1000", (to.queryTicks - from.queryTicks) * 10.0 / thousands);
        s.put("elasticsearchCpuMsPer1000", (to.esTicks - from.esTicks) * 10.0 / thousands);
        s.put("machineCpuMsPer1000", (to.machineBusyTicks - from.machineBusyTicks) * 10.0 / thousands);
        s.put("indexMsPer1000", delta(from, to, "/indexing/index_time_in_millis") / thousands);
        s.put("getMsPer1000", delta(from, to, "/get/time_in_millis") / thousands);
        s.put("refreshesPer1000", delta(from, to, "/refresh/total") / thousands);
        s.put("refreshMsPer1000", delta(from, to, "/refresh/total_time_in_millis") / thousands);
        s.put("mergeMsPer1000", delta(from, to, "/merges/total_time_in_millis") / thousands);
        s.put("mergedMbPer1000", delta(from, to, "/merges/total_size_in_bytes") / 1e6 / thousands);
        return s;
    }

    private static double delta(Mark from, Mark to, String path) {
        return to.stats.at(path).asDouble() - from.stats.at(path).asDouble();
    }

    private record Mark(long processed, long nanos, long esTicks, long queryTicks, long machineBusyTicks, JsonNode stats) {
    }
}
