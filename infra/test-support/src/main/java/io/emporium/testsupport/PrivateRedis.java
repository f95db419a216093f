package io.emporium.testsupport;

import static org.awaitility.Awaitility.await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A Redis of a test's own, the way a managed one is reached: TLS only (its certificate signed by a CA the test makes),
 * the default user off, and one ACL user limited to the keys of one prefix. Needs a {@code redis-server} built with
 * TLS (Debian's is); where it is not, starting fails and says so.
 */
public final class PrivateRedis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;
    private final TestCertificates certificates;
    private final String password = UUID.randomUUID().toString();
    private final List<String> command;

    /** Plain TCP, no users: as {@code infra/emporium up} starts one (an append-only file, fsync every second). */
    private PrivateRedis(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        this.certificates = null;
        this.command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir.toString());
        this.process = start(command, dir);
    }

    public static PrivateRedis startWithAppendOnlyFile() throws Exception {
        Path dir = Files.createTempDirectory("emporium-redis-aof-");
        PrivateRedis redis = new PrivateRedis(dir, ServiceProcess.freePort());
        await("Redis on port " + redis.port).atMost(Duration.ofSeconds(20)).until(redis::listening);
        return redis;
    }

    /** {@code redis://127.0.0.1:port} (a Redis without TLS or users) */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** {@code kill -9}: what was not yet in the append-only file is lost, as in a real crash. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts it again on the same port and folder (it reads its append-only file back). */
    public void restart() throws Exception {
        if (process.isAlive()) throw new IllegalStateException("Redis still runs");
        process = start(command, dir);
        await("Redis again on port " + port).atMost(Duration.ofSeconds(20)).until(this::listening);
    }

    private static Process start(List<String> command, Path dir) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
    }

    private PrivateRedis(Path dir, int port, TestCertificates certificates, String user, String keyPrefix) throws IOException {
        this.dir = dir;
        this.port = port;
        this.certificates = certificates;
        this.command = List.of("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "--tls-cert-file", certificates.serverCertificate().toString(),
                "--tls-key-file", certificates.serverKey().toString(), "--tls-ca-cert-file", certificates.ca().toString(),
                "--tls-auth-clients", "no", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--user", "default", "off",
                "--user", user, "on", ">" + password, "~" + keyPrefix + "*", "+@all", "-@dangerous", "+script|load", "+info");
        this.process = start(command, dir);
    }

    public static PrivateRedis startWithTls(String user, String keyPrefix) throws Exception {
        Path dir = Files.createTempDirectory("emporium-redis-tls-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrivateRedis redis = new PrivateRedis(dir, port, TestCertificates.makeIn(dir), user, keyPrefix);
        await("Redis with TLS on port " + port).atMost(Duration.ofSeconds(20)).until(redis::listening);
        return redis;
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server stopped (this machine's may lack TLS support): " + log());
        }
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** {@code rediss://user:password@127.0.0.1:port} */
    public String url(String user) {
        return "rediss://" + user + ":" + password + "@127.0.0.1:" + port;
    }

    public Path caFile() {
        return certificates.ca();
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
