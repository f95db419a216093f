package io.emporium.command.it;

import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.emporium.testsupport.PrivateKafka;
import io.emporium.testsupport.PublishedEvents;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two command services on one database and one Kafka, as two instances in production: one publishes (it holds the
 * publishing segment), the other says so and refuses a replay while the first holds it; when the first goes away, the
 * second takes over and nothing stored meanwhile is missing from the topics.
 */
class PublishingTwoInstancesIT {

    private static final List<String> TOPICS = List.of("emporium.orders", "emporium.products");
    private static PrivateKafka kafka;
    private static TestDatabase database;
    private static CommandService first;
    private static CommandService second;

    @BeforeAll
    static void start() throws Exception {
        kafka = PrivateKafka.launch();
        database = TestServices.newDatabase();
        first = CommandService.start(database, "emporium.publishing.bootstrap-servers=" + kafka.bootstrapServers());
        second = CommandService.start(database, "emporium.publishing.bootstrap-servers=" + kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) second.close();
        if (first != null) first.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void oneInstancePublishesAndTheOtherTakesOverWhenItGoes() throws Exception {
        String admin = TestTokens.bearer(TestTokens.admin());
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 6; i++) products.add((i % 2 == 0 ? first : second).createProduct("TWO-PUB-" + i, 1));
        awaitPublished(products);

        await("one instance publishes, the other knows").atMost(Duration.ofSeconds(30)).until(() ->
                List.of(state(first, admin), state(second, admin)).containsAll(List.of("publishing", "another instance publishes")));
        CommandService holder = state(first, admin).equals("publishing") ? first : second;
        CommandService other = holder == first ? second : first;
        var refused = other.post("/admin/publishing/replay", "{\"fromPosition\":0}", "Authorization", admin);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("detail").asText()).contains("Another instance publishes");

        holder.close();
        if (holder == first) first = null; else second = null;
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) later.add(other.createProduct("TWO-PUB-LATER-" + i, 1));
        awaitPublished(later);
        assertThat(state(other, admin)).isEqualTo("publishing");
    }

    private static String state(CommandService service, String admin) {
        return json(service.get("/admin/publishing", "Authorization", admin)).path("state").asText();
    }

    /** Waits until every stored event of these products is on the topics (each product's events: created, nothing more). */
    private static void awaitPublished(List<String> products) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_identifier FROM command.domain_event_entry WHERE aggregate_identifier IN ('"
                     + String.join("','", products) + "')")) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        assertThat(ids).hasSize(products.size());
        try (PublishedEvents consumer = new PublishedEvents(kafka.bootstrapServers(), TOPICS)) {
            consumer.readUntil(read -> read.stream().map(PublishedEvents.Received::id).toList().containsAll(ids), Duration.ofSeconds(90));
        }
    }
}
