package io.emporium.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;

/** Both service jars as processes, on a fresh database and indices of their own, as {@code infra/emporium up} runs them. */
final class Stack implements AutoCloseable {

    final TestDatabase database;
    final ServiceProcess command;
    final ServiceProcess query;

    private Stack(TestDatabase database, ServiceProcess command, ServiceProcess query) {
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
        Stack stack = new Stack(database, command, query);
        try {
            command.awaitHealthy(Duration.ofSeconds(120));
            query.awaitHealthy(Duration.ofSeconds(120));
        } catch (Exception | AssertionError e) {
            stack.close();
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

    @Override
    public void close() throws Exception {
        query.close();
        command.close();
    }
}
