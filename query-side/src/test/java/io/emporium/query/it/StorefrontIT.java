package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.catalogue.AttributeDeclaredEvent;
import io.emporium.api.catalogue.AttributeType;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductImage;
import io.emporium.testsupport.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The storefront in a real browser (Chromium), on the public API of a real query service. */
class StorefrontIT {

    @RegisterExtension
    static final Browser browser = new Browser();
    private static QueryService service;
    private static String home;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore();
        Map<String, Long> created = new HashMap<>();
        String[][] catalogue = {
                {"Stoneware Coffee Mug", "kitchen", "12.50"}, {"Coffee Grinder Pro", "kitchen", "59.90"},
                {"Cast Iron Kettle", "kitchen", "34.00"}, {"Oak Cutting Board", "kitchen", "27.00"},
                {"Linen Tea Towel", "kitchen", "9.00"}, {"Copper Saucepan", "kitchen", "89.00"},
                {"Chef Knife", "kitchen", "74.00"}, {"Glass Carafe", "kitchen", "19.00"},
                {"Spice Rack", "kitchen", "24.00"}, {"Ceramic Teapot", "kitchen", "31.00"},
                {"Bamboo Steamer", "kitchen", "16.00"}, {"Pepper Mill", "kitchen", "22.00"},
                {"Trail Tent", "outdoor", "199.00"}, {"Camping Stove", "outdoor", "64.00"},
                {"Down Sleeping Bag", "outdoor", "149.00"}, {"Hiking Poles", "outdoor", "45.00"},
                {"Desk Lamp", "office", "39.00"}, {"Ergonomic Chair", "office", "249.00"},
                {"Walnut Desk Organizer", "office", "29.00"}, {"Wireless Headphones", "office", "129.00"}};
        for (int i = 0; i < catalogue.length; i++) {
            String id = "p-" + i;
            service.events().product(id, new ProductCreatedEvent(id, "SKU-" + i, catalogue[i][0], "A fine " + catalogue[i][0].toLowerCase(),
                    catalogue[i][1], new Money(new BigDecimal(catalogue[i][2]), "EUR"), i % 5 == 4 ? 0 : 10, CatalogueDetails.NONE));
            created.put(id, 0L);
        }
        // one article in three colours, with a brand, a category path and an image each
        service.events().appendAll("Attribute", List.of(Map.entry("colour", new AttributeDeclaredEvent("colour", "Colour", AttributeType.TEXT, null, true))));
        for (String colour : List.of("red", "blue", "green")) {
            String id = "mug-" + colour;
            service.events().product(id, new ProductCreatedEvent(id, "SKU-" + id, "Enamel Mug " + colour, "A camp mug", "home/kitchen/mugs",
                    new Money(new BigDecimal(colour.equals("red") ? "8.00" : "9.00"), "EUR"), 5, new CatalogueDetails("Acme", "enamel-mug",
                    List.of(AttributeValue.text("colour", colour)), List.of(new ProductImage("/assets/" + id + ".jpg", "A " + colour + " enamel mug")))));
            created.put(id, 0L);
        }
        service.awaitProducts(created, Duration.ofSeconds(60));
        service.refresh();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> QueryService.json(service.get("/api/attributes")).size() == 1);
        home = "http://127.0.0.1:" + service.port + "/";
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void aMisspelledWordStillSuggestsTheProductAndPickingItOpensItsPage() {
        browser.driver.get(home);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "21 products"));
        Object shown = browser.driver.executeScript("return Math.round(performance.getEntriesByName('first-results')[0].startTime)");
        System.out.println("The storefront showed its first results " + shown + " ms after navigation started"); // a figure, not a target
        WebElement box = browser.driver.findElement(By.id("q"));
        box.sendKeys("stonwe"); // for "stonew…"
        WebElement suggestion = browser.await(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//ul[@id='suggestions']/li[contains(., 'Stoneware Coffee Mug')]")));
        suggestion.click();
        browser.await(ExpectedConditions.urlContains("/products/p-0"));
        assertThat(browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#product h1"))).getText())
                .isEqualTo("Stoneware Coffee Mug");
        assertThat(browser.driver.findElement(By.id("product")).getText()).contains("€12.50", "10 in stock");
    }

    @Test
    void searchesWithHighlightsFiltersByAFacetSortsAndPages() {
        browser.driver.get(home + "?q=coffe");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "2 products"));
        assertThat(browser.driver.findElements(By.cssSelector("#results mark"))).as("highlights").isNotEmpty();

        browser.driver.get(home);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "21 products"));
        browser.await(ExpectedConditions.elementToBeClickable(By.xpath("//fieldset[@id='categories']/button[starts-with(., 'kitchen')]"))).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "12 products"));
        assertThat(browser.driver.findElement(By.xpath("//fieldset[@id='categories']/button[starts-with(., 'kitchen')]"))
                .getDomAttribute("aria-pressed")).isEqualTo("true");

        new Select(browser.driver.findElement(By.id("sort"))).selectByValue("price_asc");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results li:first-child"), "Linen Tea Towel"));
        List<String> prices = browser.driver.findElements(By.cssSelector("#results .price")).stream().map(WebElement::getText).toList();
        browser.driver.executeScript("window.scrollTo(0, 0)");
        browser.screenshot(java.nio.file.Path.of("target", "pages", "storefront.png")); // what docs/storefront.png shows
        assertThat(prices).hasSize(10).first().isEqualTo("€9.00");

        browser.driver.findElement(By.id("next")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "Page 2 of 2"));
        assertThat(browser.driver.findElements(By.cssSelector("#results li"))).hasSize(2);
        assertThat(browser.driver.findElement(By.cssSelector("#results li:last-child")).getText()).contains("Copper Saucepan");
        assertThat(browser.driver.getCurrentUrl()).contains("category=kitchen", "sort=price_asc", "page=1");
    }

    @Test
    void variantsAreOneHitWithBreadcrumbsAnImageAndFacetsOfBrandsAndAttributes() {
        browser.driver.get(home + "?q=enamel");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "1 product for"));
        WebElement hit = browser.driver.findElement(By.cssSelector("#results li"));
        assertThat(hit.findElement(By.cssSelector(".crumbs")).getText()).isEqualTo("home › kitchen › mugs");
        // the hit is one of the three (equal scores: the first by id), the others listed as its variants
        String shown = hit.findElement(By.cssSelector("h2")).getText().replace("Enamel Mug ", "");
        assertThat(hit.findElement(By.cssSelector("img.thumb")).getDomAttribute("alt")).isEqualTo("A " + shown + " enamel mug");
        assertThat(hit.findElement(By.cssSelector(".variants")).getText())
                .contains(List.of("red", "blue", "green").stream().filter(c -> !c.equals(shown)).toList());
        assertThat(browser.driver.findElement(By.id("brands")).getText()).contains("Acme (3)");
        assertThat(browser.driver.findElement(By.id("attributes")).getText()).contains("Colour", "red (1)", "blue (1)", "green (1)");

        browser.await(ExpectedConditions.elementToBeClickable(By.xpath("//div[@id='attributes']//button[starts-with(., 'blue')]"))).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results li h2"), "Enamel Mug blue"));
        assertThat(browser.driver.getCurrentUrl()).contains("attr=colour%3Ablue");
        // the colour's own facet still offers the others
        assertThat(browser.driver.findElement(By.id("attributes")).getText()).contains("red (1)", "green (1)");

        browser.driver.findElement(By.xpath("//li//nav[@class='crumbs']/a[.='kitchen']")).click();
        browser.await(ExpectedConditions.urlContains("category=home%2Fkitchen"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "1 product"));

        browser.driver.get(home + "products/mug-blue");
        String page = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#product h1"))).findElement(By.xpath("..")).getText();
        assertThat(page).contains("Acme", "colour", "blue", "home › kitchen › mugs");
        assertThat(browser.driver.findElement(By.cssSelector("#product img.picture")).getDomAttribute("alt")).isEqualTo("A blue enamel mug");
    }

    @Test
    void nothingMatchingOffersTheClosestName() {
        browser.driver.get(home + "?q=zzzzqqq");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "No products match."));
        browser.driver.get(home + "?q=ketxlezz");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "Did you mean"));
    }

    @Test
    void theSearchWorksFromTheKeyboardAlone() {
        browser.driver.get(home);
        WebElement box = browser.driver.switchTo().activeElement();
        assertThat(box.getDomAttribute("id")).as("the search box has the focus").isEqualTo("q");
        box.sendKeys("ket");
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#suggestions li")));
        box.sendKeys(Keys.ARROW_DOWN);
        assertThat(box.getDomAttribute("aria-activedescendant")).isEqualTo("suggestion-0");
        box.sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#product h1"), "Cast Iron Kettle"));

        browser.driver.get(home);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "21 products"));
        WebElement focused = browser.driver.switchTo().activeElement();
        focused.sendKeys(Keys.TAB); // the search button
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement signIn = browser.driver.switchTo().activeElement();
        assertThat(signIn.getText()).as("the header's account buttons follow the search").isEqualTo("Sign in");
        signIn.sendKeys(Keys.TAB); // sign up
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB); // the first category
        WebElement facet = browser.driver.switchTo().activeElement();
        assertThat(facet.getText()).startsWith("kitchen");
        facet.sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "12 products"));
    }
}
