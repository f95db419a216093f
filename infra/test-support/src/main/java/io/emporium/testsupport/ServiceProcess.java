package io.emporium.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

/** One service jar as a real process, as {@code infra/emporium up} runs it. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final ProcessBuilder builder;
    private final Path log;
    private volatile Process process;
    public final int port;

    private ServiceProcess(String name, ProcessBuilder builder, Path log, int port) throws IOException {
        this.name = name;
        this.builder = builder;
        this.log = log;
        this.port = port;
        this.process = builder.start();
        // a test that failed before closing it (or the test JVM stopped) leaves no service behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroyForcibly()));
    }

    /** @param jarProperty the system property that holds the jar's path (the build sets it) */
    public static ServiceProcess start(String name, String jarProperty, String portVariable, Map<String, String> env) throws IOException {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("The " + name + " jar is missing (" + jar + "): run 'mvn verify' from the root");
        }
        // a port the caller chose (another process must know it first), else a free one
        int port = env.containsKey(portVariable) ? Integer.parseInt(env.get(portVariable)) : freePort();
        Path log = Files.createTempFile("emporium-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put(portVariable, Integer.toString(port));
        return new ServiceProcess(name, builder, log, port);
    }

    /** {@code kill -9}: the process gets no chance to finish anything. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor();
    }

    /** Starts the service again, as the same command on the same port, appending to the same log. */
    public void restart() throws IOException {
        if (process.isAlive()) throw new IllegalStateException(name + " still runs (pid " + process.pid() + ")");
        process = builder.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Sends a request to this service and holds its answer to the service's committed OpenAPI document
     * (docs/openapi/command.yaml or query.yaml, by the service's name; see {@link ApiConformance}).
     */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return ApiConformance.of(name).check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    public void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try {
            // an IOException: still starting
            await(name + " healthy").atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
                        }
                        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                        return health.statusCode() == 200 && health.body().contains("\"UP\"");
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not become healthy within " + timeout + ":\n" + tail(), e);
        }
    }

    /** The file the process writes its output to (every start of it appends). */
    public Path logFile() {
        return log;
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
