package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.testsupport.Browser;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The operations console in a real browser (Chromium): sign-in, a rebuild to the alias swap, dead letters, problems. */
class ConsoleIT {

    @RegisterExtension
    static final Browser browser = new Browser();
    private static QueryService service;
    private static String console;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore();
        Map<String, Long> created = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String id = "c-" + i;
            service.events().product(id, new ProductCreatedEvent(id, "SKU-C" + i, "Console Candle " + i, "", "home",
                    new Money(new BigDecimal("8.00"), "EUR"), 5, CatalogueDetails.NONE));
            created.put(id, 0L);
        }
        service.awaitProducts(created, Duration.ofSeconds(60));
        console = "http://127.0.0.1:" + service.port + "/console";
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    private static void signIn(String token) {
        browser.driver.get(console);
        browser.driver.executeScript("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
        browser.driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    @Test
    void anAdminStartsARebuildAndWatchesItFinishWithTheAliasMoved() {
        signIn(TestTokens.admin());
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Signed in as admin-1"));
        By products = By.cssSelector("tr[data-projection=products]");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(products, "products_v1"));
        browser.driver.findElement(By.cssSelector("tr[data-projection=products] [data-rebuild]")).click();

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-projection=products] .index"), "products_v2"));
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-projection=products] .generation")).getText()).isEqualTo("2");
        assertThat(browser.driver.findElement(By.cssSelector("tr[data-projection=products] .rebuild")).getText()).isEqualTo("–");
        HttpResponse<String> alias = QueryService.elasticsearch("GET", service.indexPrefix + "products/_alias", null);
        assertThat(json(alias).has(service.indexPrefix + "products_v2")).as(alias.body()).isTrue();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "rebuild"));
        assertThat(browser.driver.findElement(By.id("legend")).getText()).contains("products: lag");
        browser.screenshot(java.nio.file.Path.of("target", "pages", "console.png")); // what docs/console.png shows
    }

    @Test
    void aDeadLetterShowsUpAndARetryAfterTheFixEmptiesTheQueue() throws Exception {
        String id = "c-7";
        String original = json(QueryService.elasticsearch("GET", service.indexPrefix + "products/_doc/" + id, null)).get("_source").toString();
        ObjectNode broken = (ObjectNode) QueryService.JSON.readTree(original);
        ((ObjectNode) broken.get("fieldVersions")).put("stock", "broken");
        write(id, broken.toString());
        service.events().product(id, new StockAddedEvent(id, 1, 6, 0));

        signIn(TestTokens.admin());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dlq-projection option[value=products], #dlq-projection option")));
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("dlq-projection"))).selectByVisibleText("products");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), id));
        browser.driver.findElement(By.cssSelector("#dead-letters [data-inspect]")).click();
        assertThat(browser.driver.findElement(By.id("dlq-detail")).getText()).contains("StockAddedEvent");

        write(id, original);
        browser.driver.findElement(By.id("dlq-retry")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "No dead letters."));
        service.awaitProducts(Map.of(id, 1L), Duration.ofSeconds(30));
    }

    @Test
    void searchesThatFoundNothingAreListedMostFrequentFirst() {
        for (String query : List.of("Beeswax  Taper", "beeswax taper", "lavender soap")) {
            assertThat(json(service.get("/api/products/search?q=" + QueryService.encode(query))).get("total").asLong()).isZero();
        }
        signIn(TestTokens.admin());
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("zero-results"), "beeswax taper"));
        assertThat(browser.driver.findElement(By.cssSelector("#zero-results tr:first-child")).getText()).isEqualTo("beeswax taper 2");
        assertThat(browser.driver.findElement(By.id("zero-results")).getText()).contains("lavender soap 1");
        assertThat(browser.driver.findElement(By.id("zero-results-scope")).getText()).contains("this instance");
    }

    @Test
    void aRefusedActionShowsTheProblemAnswer() {
        signIn(TestTokens.merchant()); // not an admin: the admin API answers 403
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("problem"), "403"));
        assertThat(browser.driver.findElement(By.id("problem")).getText()).contains("Forbidden");
    }

    private static void write(String id, String source) {
        HttpResponse<String> written = QueryService.elasticsearch("PUT", service.indexPrefix + "products/_doc/" + id
                + "?refresh=true", source);
        assertThat(written.statusCode()).as(written.body()).isBetween(200, 201);
    }
}
