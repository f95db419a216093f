package io.emporium.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;

/** Both service jars as processes, on a fresh database and indices of their own, as {@code infra/emporium up} runs them. */
final class Stack implements AutoCloseable {

    final TestDatabase database;
    final ServiceProcess command;
    final ServiceProcess query;
    /** Passwords, secrets and the personal data tests sent: none may be in a log line of this stack. */
    private final Set<String> neverLogged;
    private final List<Path> alsoScanned = new ArrayList<>();

    private Stack(TestDatabase database, ServiceProcess command, ServiceProcess query, Set<String> neverLogged) {
        this.neverLogged = neverLogged;
        this.database = database;
        this.command = command;
        this.query = query;
    }

    /** @param settings environment variables beyond the database, Elasticsearch and the credentials */
    static Stack start(Map<String, String> settings) throws Exception {
        return start(settings, Map.of());
    }

    /** @param querySettings environment variables of the query service only (e.g. its way to Elasticsearch) */
    static Stack start(Map<String, String> settings, Map<String, String> querySettings) throws Exception {
        TestDatabase database = TestServices.newDatabase();
        Map<String, String> env = new HashMap<>(database.serviceEnvironment());
        env.putAll(TestServices.elasticsearchEnvironment(TestServices.elasticsearchUrl()));
        env.put("EMPORIUM_ES_INDEX_PREFIX", TestServices.newIndexPrefix());
        if (!settings.containsKey("EMPORIUM_JWT_ISSUER_URI")) env.putAll(identityEnvironment());
        // a shared Redis as in production (product reads from its cache); no rate limits: tests poll fast from one address
        env.put("EMPORIUM_REDIS_URL", TestServices.redisUrl());
        env.put("EMPORIUM_REDIS_KEY_PREFIX", TestServices.newRedisKeyPrefix());
        env.put("EMPORIUM_RATE_LIMIT_ANONYMOUS", "0");
        env.put("EMPORIUM_RATE_LIMIT_AUTHENTICATED", "0");
        env.put("EMPORIUM_PAYMENT_PROVIDER_URL", StackPayments.simulator().url());
        env.putAll(settings);
        ServiceProcess command = ServiceProcess.start("command", "emporium.commandJar", "EMPORIUM_COMMAND_PORT", env);
        Map<String, String> queryEnv = new HashMap<>(env);
        queryEnv.put("EMPORIUM_COMMAND_URL", command.url(""));
        queryEnv.putAll(querySettings);
        ServiceProcess query = ServiceProcess.start("query", "emporium.queryJar", "EMPORIUM_QUERY_PORT", queryEnv);
        Stack stack = new Stack(database, command, query, secretsOf(env));
        try {
            command.awaitHealthy(Duration.ofSeconds(120));
            query.awaitHealthy(Duration.ofSeconds(120));
        } catch (Exception | AssertionError e) {
            stack.stop();
            throw e;
        }
        return stack;
    }

    /** The services trust the stack's identity service by its issuer URI alone, as on {@code infra/emporium up}. */
    static Map<String, String> identityEnvironment() {
        return Map.of("EMPORIUM_JWT_ISSUER_URI", StackIdentity.url(), "EMPORIUM_JWT_PUBLIC_KEY", "");
    }

    /** The Authorization header of an admin (rebuilds, verification): the identity service's machine client. */
    static String adminAuthorization() {
        return "Bearer " + StackIdentity.machineToken();
    }

    /** The Authorization header of a merchant who is also a customer: runs the catalogue, orders as {@link #customer()}. */
    static String clientAuthorization() {
        return "Bearer " + StackIdentity.shopkeeperToken();
    }

    /** The customer id the client token orders as: its account's id at the identity service. */
    static String customer() {
        return StackIdentity.subjectOf(StackIdentity.shopkeeperToken());
    }

    /** Personal data or secrets a test sends (a name, a street, a password) that the services must not log. */
    void neverLog(String... values) {
        neverLogged.addAll(List.of(values));
    }

    /** The log of a process of the test's own (e.g. its identity service), scanned with the stack's. */
    void scanLogOf(ServiceProcess process) {
        alsoScanned.add(process.logFile());
    }

    /** Stops both services, then holds their logs and the identity service's to {@link LogScan}. */
    @Override
    public void close() throws Exception {
        stop();
        neverLogged.addAll(StackIdentity.secrets());
        List<Path> logs = new ArrayList<>(alsoScanned);
        logs.addAll(Arrays.asList(command.logFile(), query.logFile(), StackIdentity.logFile()));
        LogScan.assertClean(logs, neverLogged);
    }

    private void stop() throws Exception {
        query.close();
        command.close();
    }

    private static Set<String> secretsOf(Map<String, String> env) {
        Set<String> secrets = new HashSet<>();
        env.forEach((name, value) -> {
            if ((name.contains("PASSWORD") || name.contains("SECRET") || name.contains("API_KEY")) && value.length() >= 8) secrets.add(value);
        });
        return secrets;
    }
}
