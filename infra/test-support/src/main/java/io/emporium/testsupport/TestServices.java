package io.emporium.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;

/**
 * Where integration tests get real PostgreSQL, Elasticsearch and Redis from, in this order:
 * <ol>
 *   <li>endpoints given in the environment (what {@code infra/emporium test} and CI pass);</li>
 *   <li>Testcontainers, when a Docker engine is reachable;</li>
 *   <li>otherwise the test fails, saying how to start the services. It never skips.</li>
 * </ol>
 * Each test class takes a fresh database (same roles and schemas as the stack) and its own index prefix, so
 * tests neither see each other's data nor the developer's.
 */
public final class TestServices {

    private static final String HOW_TO = "Run the integration tests with 'infra/emporium test' (it starts PostgreSQL,"
            + " Elasticsearch and Redis and passes their endpoints), or start a Docker engine so that Testcontainers can.";
    private static final AtomicInteger databases = new AtomicInteger();

    private static PostgresServer postgres;
    private static String elasticsearchUrl;
    private static String redisUrl;
    private static HttpClient elasticsearchHttp;

    private TestServices() {
    }

    /** A superuser-like login that may create databases, from the environment or a container. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            String adminUser = System.getenv("EMPORIUM_TEST_DB_ADMIN_USER");
            if (adminUser != null && !adminUser.isBlank()) {
                postgres = new PostgresServer(env("EMPORIUM_TEST_DB_HOST", "127.0.0.1"),
                        Integer.parseInt(env("EMPORIUM_TEST_DB_PORT", "5432")), adminUser,
                        env("EMPORIUM_TEST_DB_ADMIN_PASSWORD", ""),
                        env("EMPORIUM_COMMAND_DB_PASSWORD", ""), env("EMPORIUM_QUERY_DB_PASSWORD", ""),
                        env("EMPORIUM_IDENTITY_DB_PASSWORD", ""), false);
            } else if (dockerAvailable()) {
                PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
                container.start();
                postgres = new PostgresServer(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                        container.getPassword(), "command-" + UUID.randomUUID(), "query-" + UUID.randomUUID(),
                        "identity-" + UUID.randomUUID(), true);
            } else {
                throw new IllegalStateException("No PostgreSQL for integration tests: EMPORIUM_TEST_DB_ADMIN_USER is not set"
                        + " and no Docker engine answers. " + HOW_TO);
            }
        }
        return postgres;
    }

    public static synchronized String elasticsearchUrl() {
        if (elasticsearchUrl == null) {
            String url = System.getenv("EMPORIUM_ES_URL");
            if (url != null && !url.isBlank()) {
                elasticsearchUrl = url;
            } else if (dockerAvailable()) {
                ElasticsearchContainer container = new ElasticsearchContainer(
                        "docker.elastic.co/elasticsearch/elasticsearch:" + elasticsearchVersion())
                        .withEnv("xpack.security.enabled", "false")
                        .withEnv("ES_JAVA_OPTS", "-Xms1g -Xmx1g");
                container.start();
                elasticsearchUrl = "http://" + container.getHttpHostAddress();
            } else {
                throw new IllegalStateException("No Elasticsearch for integration tests: EMPORIUM_ES_URL is not set and no"
                        + " Docker engine answers. " + HOW_TO);
            }
        }
        return elasticsearchUrl;
    }

    /** The login tests and their services use (the indices of test prefixes only), or null where security is off. */
    public static Login elasticsearchLogin() {
        elasticsearchUrl();
        return Login.from("EMPORIUM_TEST_ES_USERNAME", "EMPORIUM_TEST_ES_PASSWORD");
    }

    /** A login that may only read the tests' indices (too few privileges for a query service), or null. */
    public static Login elasticsearchReaderLogin() {
        elasticsearchUrl();
        return Login.from("EMPORIUM_TEST_ES_READER_USERNAME", "EMPORIUM_TEST_ES_READER_PASSWORD");
    }

    /**
     * A login with the tests' privileges whose password a test may change behind its service's back, in the realm file
     * {@link #elasticsearchUsersFile()}, or null where the environment has none.
     */
    public static Login elasticsearchRotatedLogin() {
        elasticsearchUrl();
        return Login.from("EMPORIUM_TEST_ES_ROTATED_USERNAME", "EMPORIUM_TEST_ES_ROTATED_PASSWORD");
    }

    /** The file realm's users file of the Elasticsearch that {@code infra/emporium} runs, and the user that runs it. */
    public static Path elasticsearchUsersFile() {
        String file = blankToNull(System.getenv("EMPORIUM_TEST_ES_USERS_FILE"));
        return file == null ? null : Path.of(file);
    }

    public static String elasticsearchServiceUser() {
        return blankToNull(System.getenv("EMPORIUM_TEST_ES_SERVICE_USER"));
    }

    /** A user and password for Elasticsearch. */
    public record Login(String username, String password) {

        static Login from(String userVariable, String passwordVariable) {
            String username = blankToNull(System.getenv(userVariable));
            return username == null ? null : new Login(username, System.getenv(passwordVariable));
        }

        public String authorization() {
            return "Basic " + java.util.Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The CA of Elasticsearch's certificate (PEM), or null over plain HTTP. */
    public static String elasticsearchCaFile() {
        elasticsearchUrl();
        return blankToNull(System.getenv("EMPORIUM_TEST_ES_CA_FILE"));
    }

    /** Elasticsearch reached through a TCP proxy on this port (same scheme: the certificate names 127.0.0.1). */
    public static String elasticsearchUrlVia(int port) {
        return URI.create(elasticsearchUrl()).getScheme() + "://127.0.0.1:" + port;
    }

    /** Spring properties that point a query service in this JVM at Elasticsearch, with the tests' credentials. */
    public static Map<String, String> elasticsearchProperties(String url) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.elasticsearch.uris", url);
        if (elasticsearchLogin() != null) {
            properties.put("spring.elasticsearch.username", elasticsearchLogin().username());
            properties.put("spring.elasticsearch.password", elasticsearchLogin().password());
        }
        if (elasticsearchCaFile() != null) properties.put("emporium.elasticsearch.ca-file", elasticsearchCaFile());
        return properties;
    }

    /** The same for a service process: its environment variables. */
    public static Map<String, String> elasticsearchEnvironment(String url) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMPORIUM_ES_URL", url);
        if (elasticsearchLogin() != null) {
            env.put("EMPORIUM_ES_USERNAME", elasticsearchLogin().username());
            env.put("EMPORIUM_ES_PASSWORD", elasticsearchLogin().password());
        }
        if (elasticsearchCaFile() != null) env.put("EMPORIUM_ES_CA_FILE", elasticsearchCaFile());
        return env;
    }

    /** A request straight to Elasticsearch with the tests' credentials (path without the leading slash). */
    public static HttpResponse<String> elasticsearch(String method, String path, String body) {
        return elasticsearch(method, path, body, elasticsearchLogin());
    }

    /** The same as another user (null: anonymous). */
    public static HttpResponse<String> elasticsearch(String method, String path, String body, Login login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(elasticsearchUrl() + "/" + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (login != null) request.header("Authorization", login.authorization());
        try {
            return elasticsearchHttp().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized HttpClient elasticsearchHttp() {
        if (elasticsearchHttp == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (elasticsearchCaFile() != null) builder.sslContext(trusting(Path.of(elasticsearchCaFile())));
            elasticsearchHttp = builder.build();
        }
        return elasticsearchHttp;
    }

    /** An SSL context that trusts the certificates of one PEM file (a test CA). */
    public static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust " + caFile, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A Redis, from {@code EMPORIUM_TEST_REDIS_URL} or a container. Tests keep apart by key prefix
     * ({@link #newRedisKeyPrefix()}).
     */
    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            String url = System.getenv("EMPORIUM_TEST_REDIS_URL");
            if (url != null && !url.isBlank()) {
                redisUrl = url;
            } else if (dockerAvailable()) {
                GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
                container.start();
                redisUrl = "redis://" + container.getHost() + ":" + container.getFirstMappedPort();
            } else {
                throw new IllegalStateException("No Redis for integration tests: EMPORIUM_TEST_REDIS_URL is not set and no"
                        + " Docker engine answers. " + HOW_TO);
            }
        }
        return redisUrl;
    }

    /** A prefix for Redis keys that no other test uses. */
    public static String newRedisKeyPrefix() {
        return "it:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /**
     * A new database with Emporium's roles and both services' schemas (the query service may keep its state in the
     * command service's database), ready for the services' Flyway migrations.
     */
    public static TestDatabase newDatabase() {
        return newDatabase("provision.sql", "provision-query.sql");
    }

    /** A new database for the command service only (schema command: the event log), as when each service has its own. */
    public static TestDatabase newEventLogDatabase() {
        return newDatabase("provision.sql");
    }

    /** A new database for the query service's own state only (schema query), as when it has a database of its own. */
    public static TestDatabase newQueryDatabase() {
        return newDatabase("provision-query.sql");
    }

    /** A new database for the identity service (schema identity: accounts, clients, authorizations, keys). */
    public static TestDatabase newIdentityDatabase() {
        return newDatabase("provision-identity.sql");
    }

    private static TestDatabase newDatabase(String... provisioning) {
        PostgresServer server = postgres();
        String name = "emporium_it_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection admin = server.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " as " + server.adminUser(), e);
        }
        try (Connection admin = server.connect(name); Statement s = admin.createStatement()) {
            for (String file : provisioning) s.execute(provisioningSql(file));
            if (server.setRolePasswords()) {
                for (String file : provisioning) {
                    if (file.equals("provision-identity.sql")) {
                        s.execute("ALTER ROLE emporium_identity PASSWORD '" + server.identityPassword() + "'");
                    } else {
                        s.execute("ALTER ROLE emporium_command PASSWORD '" + server.commandPassword() + "'");
                        s.execute("ALTER ROLE emporium_query PASSWORD '" + server.queryPassword() + "'");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot provision test database " + name, e);
        }
        return new TestDatabase(server, name);
    }

    /** A prefix for Elasticsearch index and alias names that no other test uses. */
    public static String newIndexPrefix() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static String provisioningSql(String file) {
        try (InputStream in = TestServices.class.getResourceAsStream("/emporium/postgres/" + file)) {
            if (in == null) throw new IllegalStateException(file + " is missing from test-support");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Elasticsearch server version of the root pom (elasticsearch.server.version), passed by failsafe. */
    public static String elasticsearchVersion() {
        String version = System.getProperty("emporium.elasticsearch.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("emporium.elasticsearch.version is not set: run the tests through Maven (failsafe passes it)");
        }
        return version;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public record PostgresServer(String host, int port, String adminUser, String adminPassword,
                                 String commandPassword, String queryPassword, String identityPassword,
                                 boolean setRolePasswords) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), adminUser, adminPassword);
        }
    }
}
