package io.emporium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples each service's used heap (from its Prometheus metrics) and resident memory (from /proc) once a second. */
final class Footprint implements AutoCloseable {

    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)");

    private final Http admin;
    private final Thread sampler;
    private volatile boolean running = true;
    final Service command;
    final Service query;

    Footprint(Http admin, String commandUrl, Long commandPid, String queryUrl, Long queryPid) {
        this.admin = admin;
        command = new Service(commandUrl, commandPid);
        query = new Service(queryUrl, queryPid);
        sampler = new Thread(() -> {
            while (running) {
                sample(command);
                sample(query);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "footprint");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample(Service service) {
        Http.Answer metrics = admin.get(service.url + "/actuator/prometheus");
        if (metrics.ok()) {
            double heap = 0;
            Matcher m = HEAP.matcher(metrics.body());
            while (m.find()) heap += Double.parseDouble(m.group(1));
            service.maxHeapMb = Math.max(service.maxHeapMb, heap / (1024 * 1024));
        }
        if (service.pid != null) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + service.pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        double kb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
                        service.maxRssMb = Math.max(service.maxRssMb, kb / 1024);
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // not on this machine, or gone
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    static final class Service {
        final String url;
        final Long pid;
        volatile double maxHeapMb;
        volatile double maxRssMb;

        Service(String url, Long pid) {
            this.url = url;
            this.pid = pid;
        }
    }
}
