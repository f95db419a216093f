package io.emporium.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What tracing costs. Sampling is fixed when a service starts, so infra/emporium restarts both services once per
 * setting and runs {@code tracing-step} against them: a warm-up, then the mixed write step and the search mix through
 * the service. The settings run as off, 10%, 100%, 100%, 10%, off, so that a machine that drifts along the run favours
 * none of them; {@code tracing-report} averages the two steps of each setting and compares them with off.
 */
final class TracingCost {

    private static final Pattern SPANS = Pattern.compile("(?m)^zipkin_collector_spans_total\\{[^}]*transport=\"http\"[^}]*}\\s+([0-9.eE+]+)");

    private TracingCost() {
    }

    /** One setting's step; its figures into {@code --out}. */
    static void step(Map<String, String> o) throws Exception {
        boolean quick = Boolean.parseBoolean(o.getOrDefault("quick", "false"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", quick ? "5" : "30"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        Http client = new Http(o.get("client-token"));
        Http admin = new Http(o.get("admin-token"));
        String commandUrl = o.get("command-url");
        String queryUrl = o.get("query-url");
        Long commandPid = Long.parseLong(o.get("command-pid").trim());
        Long queryPid = Long.parseLong(o.get("query-pid").trim());
        String label = o.get("label");
        System.out.println("Tracing " + label);

        Catalogue.declareAttributes(client, commandUrl);
        WritePhase write = new WritePhase(client, commandUrl, seed, "t" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36));
        write.seed(quick ? 40 : 200);
        // a service started a moment ago runs interpreted code: both paths are warmed before the clock runs
        write.run(16, Math.max(3, seconds / 2), WritePhase.Mix.MIXED);
        SearchPhase search = new SearchPhase(admin, queryUrl, null);
        search.throughService(8, Math.max(2, seconds / 3), seed);
        Lag.awaitCaughtUp(admin, queryUrl, 300);
        CpuUse.awaitIdle(commandPid, queryPid, 180);

        double spansBefore = spansReceived(o.get("zipkin-url"));
        Map<String, Object> figures = BenchMain.measureWrite(o, write, WritePhase.Mix.MIXED, admin, queryUrl, commandPid, queryPid, seconds);
        SearchPhase.Side searched = search.throughService(8, seconds, seed + 1);
        figures.put("label", label);
        figures.put("searchP50Ms", searched.p50Ms());
        figures.put("searchP99Ms", searched.p99Ms());
        figures.put("searchRequestsPerSec", searched.requestsPerSec());
        figures.put("searchFailed", searched.failed());
        figures.put("spansReceived", spansReceived(o.get("zipkin-url")) - spansBefore);
        Path out = Path.of(o.get("out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Http.JSON.writeValueAsString(figures));
        Progress.done("tracing " + label, String.format("%,.0f commands/s, search p99 %.1f ms, %,.0f spans at the collector",
                (double) figures.get("commandsPerSec"), searched.p99Ms(), (double) figures.get("spansReceived")));
    }

    /**
     * Averages the steps ({@code --steps} files, comma-separated) per setting, compares each with off and adds the
     * result to {@code --out} (the run's figures) as "tracing".
     */
    static void report(Map<String, String> o) throws Exception {
        Map<String, List<JsonNode>> bySetting = new LinkedHashMap<>();
        for (String file : o.get("steps").split(",")) {
            JsonNode step = Http.JSON.readTree(Path.of(file).toFile());
            bySetting.computeIfAbsent(step.get("label").asText(), label -> new ArrayList<>()).add(step);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        bySetting.forEach((label, steps) -> settings.put(label, average(steps)));
        @SuppressWarnings("unchecked")
        Map<String, Object> off = (Map<String, Object>) settings.get("off");
        for (Object setting : settings.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> figures = (Map<String, Object>) setting;
            figures.put("commandsPerSecOverOff", (double) figures.get("commandsPerSec") / (double) off.get("commandsPerSec"));
            figures.put("searchP99OverOff", (double) figures.get("searchP99Ms") / (double) off.get("searchP99Ms"));
        }
        Path out = Path.of(o.get("out"));
        ObjectNode run = Files.exists(out) ? (ObjectNode) Http.JSON.readTree(out.toFile()) : Http.JSON.createObjectNode();
        run.set("tracing", Http.JSON.valueToTree(settings));
        Files.writeString(out, Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run));
        System.out.println(table(settings));
        System.out.println("Figures written to " + out);
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> settings) {
        StringBuilder t = new StringBuilder("\n| tracing | commands/s | over off | CPU ms per command: machine / command service | search p99 ms | over off | spans at the collector |\n|---|---|---|---|---|---|---|\n");
        settings.forEach((label, setting) -> {
            Map<String, Object> f = (Map<String, Object>) setting;
            t.append(String.format("| %s | %,.0f | %.3f | %.2f / %.2f | %.1f | %.2f | %,.0f |%n", label, f.get("commandsPerSec"), f.get("commandsPerSecOverOff"),
                    f.get("cpuMsPerCommand"), f.get("commandServiceCpuMsPerCommand"), f.get("searchP99Ms"), f.get("searchP99OverOff"), f.get("spansReceived")));
        });
        Map<String, Object> tenth = (Map<String, Object>) settings.get("10%");
        if (tenth != null) {
            double ratio = (double) tenth.get("commandsPerSecOverOff");
            t.append(String.format("%ncommands/s at 10%% sampling over off: %.3f (target >= 0.95: %s)%n", ratio, ratio >= 0.95 ? "met" : "NOT met"));
        }
        return t.toString();
    }

    private static Map<String, Object> average(List<JsonNode> steps) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("steps", steps.size());
        for (String name : List.of("commandsPerSec", "p50Ms", "p99Ms", "cpuMsPerCommand", "commandServiceCpuMsPerCommand",
                "queryServiceCpuMsPerEvent", "searchP50Ms", "searchP99Ms", "searchRequestsPerSec", "spansReceived")) {
            figures.put(name, steps.stream().mapToDouble(step -> step.path(name).asDouble(Double.NaN)).average().orElse(Double.NaN));
        }
        figures.put("commandsPerSecEachStep", steps.stream().map(step -> step.path("commandsPerSec").asDouble()).toList());
        figures.put("failed", steps.stream().mapToLong(step -> step.path("failed").asLong() + step.path("searchFailed").asLong()).sum());
        return figures;
    }

    /** Spans Zipkin's server took in over HTTP (its Prometheus counter); 0 without a collector. */
    private static double spansReceived(String zipkinUrl) {
        if (zipkinUrl == null || zipkinUrl.isBlank()) return 0;
        Http.Answer answer = new Http(null).get(zipkinUrl + "/prometheus");
        if (!answer.ok()) return Double.NaN;
        Matcher matcher = SPANS.matcher(answer.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
