package io.emporium.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, the way a managed database is reached: TLS only (a connection without it is
 * refused), with a server certificate for 127.0.0.1 signed by a CA the test makes ({@link TestCertificates}), password
 * logins, and the two Emporium databases provisioned as {@code infra/emporium} does. It can be restarted, as a
 * managed database fails over. As root, the server runs as the {@code emporium} system user (PostgreSQL refuses root).
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final String SERVICE_USER = "emporium";

    private final Path dir;
    private final Path data;
    private final int port;
    private TestCertificates certificates;
    private final String commandPassword = UUID.randomUUID().toString();
    private final String queryPassword = UUID.randomUUID().toString();

    private PrivatePostgres(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    public static PrivatePostgres startWithTls() throws Exception {
        Path dir = Files.createTempDirectory("emporium-pg-tls-");
        PrivatePostgres postgres = new PrivatePostgres(dir, ServiceProcess.freePort());
        postgres.certificates = TestCertificates.makeIn(dir);
        postgres.initialize();
        postgres.run(bin("pg_ctl"), "-D", postgres.data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "start");
        postgres.provision();
        return postgres;
    }

    public int port() {
        return port;
    }

    /** The CA that signed the server's certificate (PEM): what {@code sslrootcert} names. */
    public Path caFile() {
        return certificates.ca();
    }

    public String commandPassword() {
        return commandPassword;
    }

    public String queryPassword() {
        return queryPassword;
    }

    /** A JDBC URL that verifies the server against {@link #caFile()}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?sslmode=verify-full&sslrootcert=" + caFile();
    }

    /** A query as the superuser over the cluster's own socket; the output of {@code psql -tA}. */
    public String psql(String database, String sql) throws Exception {
        return run(bin("psql"), "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p", Integer.toString(port),
                "-U", "postgres", "-d", database, "-c", sql).trim();
    }

    /** Stops the server (fast: connections are cut) and starts it again, as a fail-over looks to a client. */
    public void restart(long downMillis) throws Exception {
        run(bin("pg_ctl"), "-D", data.toString(), "-m", "fast", "-w", "stop");
        Thread.sleep(downMillis);
        run(bin("pg_ctl"), "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "start");
    }

    private void initialize() throws Exception {
        if (isRoot()) {
            exec(dir, "chown", "-R", SERVICE_USER, dir.toString());
            exec(dir, "chmod", "755", dir.toString());
        }
        run(bin("initdb"), "-D", data.toString(), "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256");
        Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n",
                "listen_addresses = '127.0.0.1'", "port = " + port, "unix_socket_directories = '" + dir + "'",
                "ssl = on", "ssl_cert_file = '" + certificates.serverCertificate() + "'", "ssl_key_file = '" + certificates.serverKey() + "'",
                "max_connections = 100", "fsync = off", ""), StandardCharsets.UTF_8);
        // TLS or nothing, as a managed database: a plain connection is refused before its password is asked
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust", "hostssl all all 127.0.0.1/32 scram-sha-256", "hostnossl all all 0.0.0.0/0 reject", ""));
        if (isRoot()) exec(dir, "chown", "-R", SERVICE_USER, dir.toString());
    }

    private void provision() throws Exception {
        psql("postgres", "CREATE ROLE emporium_command LOGIN PASSWORD '" + commandPassword + "'");
        psql("postgres", "CREATE ROLE emporium_query LOGIN PASSWORD '" + queryPassword + "'");
        psql("postgres", "CREATE DATABASE emporium");
        psql("postgres", "CREATE DATABASE emporium_query");
        psql("emporium", resource("provision.sql"));
        psql("emporium_query", resource("provision-query.sql"));
    }

    private static String resource(String file) throws IOException {
        try (var in = PrivatePostgres.class.getResourceAsStream("/emporium/postgres/" + file)) {
            if (in == null) throw new IllegalStateException(file + " is missing from test-support");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A PostgreSQL program, as the service user when we are root. */
    private String run(String... command) throws Exception {
        if (!isRoot()) return exec(dir, command);
        List<String> asUser = new ArrayList<>(List.of("runuser", "-u", SERVICE_USER, "--"));
        asUser.addAll(List.of(command));
        return exec(dir, asUser.toArray(String[]::new));
    }

    private static String exec(Path workingDir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** The newest installed PostgreSQL server program of that name (Debian keeps them out of PATH). */
    private static String bin(String program) throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                var newest = installed.map(version -> version.resolve("bin").resolve(program)).filter(Files::isExecutable)
                        .max(Comparator.comparing(path -> Integer.parseInt(path.getParent().getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) return newest.get().toString();
            }
        }
        return program;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws Exception {
        try {
            run(bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
