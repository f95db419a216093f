package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml cannot run here (no Docker engine), so this keeps it in step with the applications. */
class DockerComposeConsistencyTest {

    private static final Path ROOT = Path.of(System.getProperty("emporium.root", "../.."));

    @Test
    void composeRunsPostgresElasticsearchRedisAndTheServices() throws IOException {
        assertThat(services()).containsKeys("postgres", "elasticsearch", "redis", "command", "query", "identity",
                "payment-simulator", "kafka");
    }

    @Test
    void kafkaIsTheReleaseOfThePom() throws IOException {
        Matcher version = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).as("pom.xml names the Kafka release").isTrue();
        assertThat((String) services().get("kafka").get("image")).isEqualTo("apache/kafka:" + version.group(1));
    }

    @Test
    void elasticsearchImagesAreTheServerVersionOfThePom() throws IOException {
        Matcher version = Pattern.compile("<elasticsearch.server.version>([^<]+)</elasticsearch.server.version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).as("pom.xml names the Elasticsearch server version").isTrue();
        for (String service : new String[] {"elasticsearch", "elasticsearch-setup"}) {
            assertThat((String) services().get(service).get("image")).as(service).endsWith("/elasticsearch:" + version.group(1));
        }
    }

    @Test
    void commandServiceVariablesAndPortMatchItsConfiguration() throws IOException {
        assertServiceAgrees("command", "command-side", "EMPORIUM_COMMAND_PORT", "8080");
    }

    @Test
    void queryServiceVariablesAndPortMatchItsConfiguration() throws IOException {
        assertServiceAgrees("query", "query-side", "EMPORIUM_QUERY_PORT", "8081");
    }

    @Test
    void identityServiceVariablesAndPortMatchItsConfiguration() throws IOException {
        assertServiceAgrees("identity", "identity", "EMPORIUM_IDENTITY_PORT", "9000");
    }

    private void assertServiceAgrees(String service, String module, String portVariable, String defaultPort) throws IOException {
        Map<String, Object> definition = services().get(service);
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) definition.get("environment");
        // a service's own settings, and those both services share (identity and access)
        String applicationYml = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application.yml"))
                + Files.readString(ROOT.resolve("infra/service-support/src/main/resources/emporium-identity.properties"));

        assertThat(environment.keySet()).allSatisfy(variable ->
                assertThat(applicationYml).as("%s reads %s", module, variable).contains("${" + variable + ":"));
        assertThat(referencedVariables(applicationYml)).as("variables without a default that compose must set")
                .filteredOn(v -> applicationYml.contains("${" + v + ":}") && v.endsWith("_PASSWORD") && !v.contains("_DB_"))
                .allSatisfy(v -> assertThat(environment).containsKey(v));

        assertThat(String.valueOf(environment.get(portVariable))).isEqualTo(defaultPort);
        assertThat(applicationYml).contains("${" + portVariable + ":" + defaultPort + "}");
        @SuppressWarnings("unchecked")
        List<String> ports = (List<String>) definition.get("ports");
        assertThat(ports).anySatisfy(p -> assertThat(p).endsWith(":" + defaultPort + ":" + defaultPort));
    }

    private static List<String> referencedVariables(String yml) {
        Matcher m = Pattern.compile("\\$\\{(EMPORIUM_[A-Z_]+):").matcher(yml);
        return m.results().map(r -> r.group(1)).distinct().toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }
}
