package io.emporium.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;


/**
 * A single-node Kafka of a test's own, in KRaft mode, from Apache Kafka's own jars: those {@code infra/emporium test}
 * copies from Maven Central and names in {@code EMPORIUM_TEST_KAFKA_LIBS}. Where that is not set, starting fails and
 * says so. It can be stopped (as an operator would), killed, and started again on the same ports and data.
 */
public final class PrivateKafka implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final List<String> command;
    private Process process;

    private PrivateKafka(Path libs, Path dir, int port, int controllerPort) throws Exception {
        this.dir = dir;
        this.port = port;
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"), "num.partitions=3", "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        Files.writeString(dir.resolve("log4j.properties"), String.join("\n", "log4j.rootLogger=WARN, file",
                "log4j.appender.file=org.apache.log4j.FileAppender", "log4j.appender.file.File=" + dir.resolve("kafka.log"),
                "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n", ""));
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dlog4j.configuration=file:" + dir.resolve("log4j.properties"), "-cp", libs + "/*");
        List<String> format = new ArrayList<>(java);
        format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", dir.resolve("server.properties").toString()));
        Process formatting = new ProcessBuilder(format).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("format.log").toFile())).start();
        if (formatting.waitFor() != 0) throw new IllegalStateException("Formatting Kafka's storage failed: " + Files.readString(dir.resolve("format.log")));
        this.command = new ArrayList<>(java);
        command.addAll(List.of("kafka.Kafka", dir.resolve("server.properties").toString()));
        run();
    }

    public static PrivateKafka launch() throws Exception {
        String libs = System.getenv("EMPORIUM_TEST_KAFKA_LIBS");
        if (libs == null || libs.isBlank() || !Files.isDirectory(Path.of(libs))) {
            throw new IllegalStateException("No Kafka for integration tests: EMPORIUM_TEST_KAFKA_LIBS does not name the folder of"
                    + " Kafka's jars (infra/emporium test fetches them and sets it)");
        }
        return new PrivateKafka(Path.of(libs), Files.createTempDirectory("emporium-kafka-"), ServiceProcess.freePort(), ServiceProcess.freePort());
    }

    /** host:port of its one broker */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops it as an operator would (SIGTERM, then waits). */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** {@code kill -9} */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts it again on its ports and data, and waits until its broker answers. */
    public void restart() throws IOException {
        run();
    }

    private void run() throws IOException {
        if (process != null && process.isAlive()) throw new IllegalStateException("Kafka still runs");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.out").toFile())).start();
        await("Kafka on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(this::answers);
    }

    /** Its broker's port takes connections once the broker has started (the socket server opens last). */
    private boolean answers() {
        if (!process.isAlive()) throw new IllegalStateException("Kafka stopped: " + log());
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (what kafka-storage random-uuid prints). */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private String log() {
        try {
            Path out = dir.resolve("kafka.out");
            Path log = dir.resolve("kafka.log");
            return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) killHard();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
