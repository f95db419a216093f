package io.emporium.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query service's own histogram of event ages ({@code emporium.projection.event.age}, by stage), read before and
 * after a phase: the difference of the buckets gives percentiles over exactly that phase.
 */
final class StageTimes {

    private static final Pattern BUCKET = Pattern.compile(
            "(?m)^emporium_projection_event_age_seconds_bucket\\{(?=[^}]*stage=\"(\\w+)\")(?=[^}]*le=\"([^\"]+)\")[^}]*\\} ([0-9.E+]+)");

    /** stage → upper bound in seconds → cumulative count */
    private final Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();

    static StageTimes scrape(Http admin, String queryUrl) {
        StageTimes times = new StageTimes();
        Http.Answer metrics = admin.get(queryUrl + "/actuator/prometheus");
        if (!metrics.ok()) return times;
        Matcher m = BUCKET.matcher(metrics.body());
        while (m.find()) {
            double le = m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2));
            times.buckets.computeIfAbsent(m.group(1), s -> new TreeMap<>()).merge(le, Double.parseDouble(m.group(3)), Double::sum);
        }
        return times;
    }

    /** The upper bound (ms) of the bucket holding the given percentile of what was recorded since {@code before}. */
    double percentileMillisSince(StageTimes before, String stage, double percentile) {
        TreeMap<Double, Double> now = buckets.getOrDefault(stage, new TreeMap<>());
        TreeMap<Double, Double> then = before.buckets.getOrDefault(stage, new TreeMap<>());
        double total = now.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - then.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) return Double.NaN;
        for (Map.Entry<Double, Double> bucket : now.entrySet()) {
            double count = bucket.getValue() - then.getOrDefault(bucket.getKey(), 0.0);
            if (count >= total * percentile / 100) return bucket.getKey() * 1000;
        }
        return Double.NaN;
    }
}
