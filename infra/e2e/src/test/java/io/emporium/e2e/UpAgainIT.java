package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.emporium.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code infra/emporium} itself, on a stack of its own (its own EMPORIUM_HOME, Elasticsearch, databases and ports, with
 * the credentials of the test run): {@code up} on a running stack changes nothing that runs (a client reading search
 * and order lists at about 20 requests a second gets only 2xx answers meanwhile), and {@code status} tells the truth
 * on a running and on a half-stopped stack.
 */
class UpAgainIT {

    private static final Path ROOT = Path.of(System.getProperty("emporium.root", "../..")).toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("infra/emporium");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path home;
    private static Map<String, String> env;
    private static int queryPort;
    private static int commandPort;

    @BeforeAll
    static void upOnce() throws Exception {
        home = Files.createTempDirectory("emporium-up-it-");
        commandPort = ServiceProcess.freePort();
        queryPort = ServiceProcess.freePort();
        String database = "emporium_it_up_" + ProcessHandle.current().pid(); // dropped by the next 'infra/emporium test'
        env = new java.util.HashMap<>(System.getenv());
        for (String inherited : List.of("EMPORIUM_ES_CA_FILE", "EMPORIUM_ES_USERNAME", "EMPORIUM_ES_API_KEY",
                "EMPORIUM_ES_INDEX_PREFIX", "EMPORIUM_JWT_ISSUER_URI", "EMPORIUM_JWT_JWK_SET_URI", "EMPORIUM_JWT_PUBLIC_KEY")) {
            env.remove(inherited);
        }
        env.putAll(Map.of("EMPORIUM_HOME", home.toString(), "EMPORIUM_ES_URL", "https://127.0.0.1:" + ServiceProcess.freePort(),
                "EMPORIUM_ES_HEAP", "512m", "EMPORIUM_SERVICE_HEAP", "384m", "EMPORIUM_DB_NAME", database,
                "EMPORIUM_COMMAND_PORT", Integer.toString(commandPort), "EMPORIUM_QUERY_PORT", Integer.toString(queryPort),
                "EMPORIUM_IDENTITY_PORT", Integer.toString(ServiceProcess.freePort()), "EMPORIUM_REDIS_URL", ""));
        env.put("EMPORIUM_PAYMENT_SIMULATOR_PORT", Integer.toString(ServiceProcess.freePort()));
        env.put("EMPORIUM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePortAndNext());
        env.put("EMPORIUM_KAFKA_HEAP", "256m");
        Run up = run(Duration.ofMinutes(8), "up");
        assertThat(up.exit).as(up.output).isZero();
    }

    @AfterAll
    static void down() throws Exception {
        if (env == null) return;
        Run down = run(Duration.ofMinutes(3), "down");
        System.out.println(down.output);
        deleteTree(serviceDataDir());
        deleteTree(home);
    }

    @Test
    void upOnARunningStackChangesNothingThatRunsAndStatusTellsTheTruth() throws Exception {
        String merchant = run(Duration.ofMinutes(1), "token", "--merchant", "--customer", "c-up").output.trim();
        HttpResponse<String> created = send("POST", commandPort, "/api/products", merchant,
                "{\"sku\":\"UP-1\",\"name\":\"Enamel kettle\",\"description\":\"\",\"category\":\"kitchen\",\"price\":19.90,\"initialStock\":5}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        clock.scheduleAtFixedRate(() -> readers.submit(() -> { // 20 requests a second, alternating search and order list
            String path = next.getAndIncrement() % 2 == 0 ? "/api/products/search?q=kettle" : "/api/orders?size=5";
            try {
                HttpResponse<String> answer = send("GET", queryPort, path, merchant, null);
                statuses.add(answer.statusCode());
                if (answer.statusCode() >= 300) failures.add(path + " " + answer.statusCode() + " " + answer.body());
            } catch (Exception e) {
                failures.add(path + " " + e);
            }
        }), 0, 50, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        Thread.sleep(2_000);
        Run again = run(Duration.ofMinutes(5), "up");
        Thread.sleep(8_000); // Elasticsearch reloads its realm files every 5 s: a change made by 'up' would show by now
        clock.shutdown();
        assertThat(clock.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        readers.shutdown();
        assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(again.exit).as(again.output).isZero();
        assertThat(again.output).doesNotContain("Starting").doesNotContain("brought up to date");
        assertThat(failures).as("answers while 'up' ran again").isEmpty();
        assertThat(statuses.size()).as("reads made in %d s", seconds).isGreaterThan((int) (seconds * 20 * 0.8));
        System.out.printf("%d reads in %d s while 'up' ran again, all 2xx%n", statuses.size(), seconds);

        Run running = run(Duration.ofMinutes(1), "status");
        System.out.println("status of the running stack:\n" + running.output);
        assertThat(running.exit).as(running.output).isZero();
        assertThat(running.output).containsPattern("query\\s+up").containsPattern("command\\s+up")
                .containsPattern("elasticsearch\\s+(green|yellow)").containsPattern("postgresql\\s+up").containsPattern("identity\\s+up")
                .containsPattern("payment-simulator\\s+up").containsPattern("kafka\\s+up");

        long queryPid = Long.parseLong(Files.readString(home.resolve("pids/query.pid")).trim());
        ProcessHandle query = ProcessHandle.of(queryPid).orElseThrow();
        query.destroyForcibly();
        query.onExit().get(30, TimeUnit.SECONDS);
        Run halfStopped = run(Duration.ofMinutes(1), "status");
        System.out.println("status with the query service killed:\n" + halfStopped.output);
        assertThat(halfStopped.exit).as(halfStopped.output).isEqualTo(3);
        assertThat(halfStopped.output).containsPattern("query\\s+dead").containsPattern("command\\s+up");
    }

    private static HttpResponse<String> send(String method, int port, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Duration timeout, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path output = Files.createTempFile("emporium-script-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("infra/emporium " + String.join(" ", arguments) + " did not end within " + timeout
                    + ":\n" + Files.readString(output));
        }
        String text = Files.readString(output);
        Files.delete(output);
        return new Run(process.exitValue(), text);
    }

    /** Where the script keeps the files of the service user for this home (see service_data_dir). */
    private static Path serviceDataDir() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) return home;
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(home.toString().getBytes(StandardCharsets.UTF_8));
        return Path.of("/var/lib/emporium", HexFormat.of().formatHex(digest).substring(0, 12));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * For a Kafka of its own, whose controller listens on the port after the broker's: both free, and below the
     * ephemeral range, where nothing else this run starts asks the system for a port (a port from {@link ServiceProcess#freePort()}
     * once had its next one taken by the time Kafka started).
     */
    private static int freePortAndNext() throws IOException {
        var random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket broker = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 ServerSocket controller = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two free ports in a row between 20000 and 32000");
    }
}
