package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.query.eventlog.EventLogConnection;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * A database per service: the query service keeps its state in a database of its own and reads the command side's
 * event log through its separate, read-only connection alone.
 */
class SeparateDatabasesIT {

    private static final Money PRICE = new Money(new BigDecimal("5.00"), "EUR");

    private static TestDatabase eventLog;
    private static TestDatabase state;
    private static QueryService service;

    @BeforeAll
    static void start() {
        eventLog = QueryService.withEventStore(TestServices.newEventLogDatabase());
        state = TestServices.newQueryDatabase();
        service = QueryService.start(state, eventLog, TestServices.newIndexPrefix());
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void projectsAndVerifiesTheEventLogOfAnotherDatabaseAndKeepsItsStateInItsOwn() {
        service.events().product("apart", new ProductCreatedEvent("apart", "SKU-AP", "Apart Apron", "", "kitchen", PRICE, 2, CatalogueDetails.NONE));
        service.events().product("apart", new ProductPriceChangedEvent("apart", new Money(new BigDecimal("6.00"), "EUR")));
        service.awaitProducts(Map.of("apart", 1L), Duration.ofSeconds(30));
        service.awaitCaughtUp("products", Duration.ofSeconds(30));

        // the reconciliation reads the whole history through the same read-only connection
        HttpResponse<String> verify = service.asAdmin("POST", "/admin/projections/products/verify");
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        JsonNode report = json(verify);
        assertThat(report.get("aggregatesChecked").asLong()).isEqualTo(1);
        assertThat(report.get("missing").asLong() + report.get("stale").asLong() + report.get("wrong").asLong()
                + report.get("extra").asLong()).isZero();

        assertThat(state.queryLong("SELECT count(*) FROM query.token_entry WHERE processor_name LIKE 'products%'"))
                .as("tokens in the query service's own database").isPositive();
        assertThat(tables(state, "command")).as("event tables in the query service's database").isZero();
        assertThat(tables(eventLog, "query")).as("query service tables in the event log's database").isZero();
    }

    @Test
    void theEventLogConnectionCannotWrite() {
        EventLogConnection connection = service.bean(EventLogConnection.class);
        long before = eventLog.queryLong("SELECT count(*) FROM command.domain_event_entry");
        assertThatThrownBy(() -> connection.jdbc().update("DELETE FROM " + connection.table()))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> connection.jdbc().update("CREATE TABLE command.sneaky (id int)"))
                .isInstanceOf(DataAccessException.class);
        assertThat(eventLog.queryLong("SELECT count(*) FROM command.domain_event_entry")).isEqualTo(before);
    }

    private static long tables(TestDatabase database, String schema) {
        return database.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'");
    }
}
