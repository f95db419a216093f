package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.Browser;
import io.emporium.testsupport.IdentityClient;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * People sign in and buy as on any shop, in headless Chromium, with the stack's identity service (its own process and
 * database) as the services' only OpenID provider: a new customer signs up and in on the storefront and reads their
 * own orders with the page's token; customers buy with an approving card, a declining one, and after a price changed;
 * an administrator signs in to the console; a merchant is refused it.
 */
class SignInJourneyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE_SECRET = "machine-secret-of-the-journey";
    private static final String ADMIN_EMAIL = "admin@shop.test";
    private static final String ADMIN_PASSWORD = "the administrator's password";

    @RegisterExtension
    static final Browser browser = new Browser();
    private static ServiceProcess identity;
    private static Stack stack;
    private static String identityUrl;
    private static String storefront;
    private static IdentityClient accounts;

    @BeforeAll
    static void startTheStackWithItsIdentityService() throws Exception {
        int identityPort = ServiceProcess.freePort(), queryPort = ServiceProcess.freePort(), commandPort = ServiceProcess.freePort();
        identityUrl = "http://127.0.0.1:" + identityPort;
        storefront = "http://127.0.0.1:" + queryPort + "/";
        Map<String, String> identityEnv = new HashMap<>(TestServices.newIdentityDatabase().identityEnvironment());
        identityEnv.put("EMPORIUM_IDENTITY_PORT", Integer.toString(identityPort));
        identityEnv.put("EMPORIUM_IDENTITY_PAGE_REDIRECT_URIS", storefront + "," + storefront + "console");
        identityEnv.put("EMPORIUM_IDENTITY_MACHINE_SECRET", MACHINE_SECRET);
        identityEnv.put("EMPORIUM_IDENTITY_ADMIN_EMAIL", ADMIN_EMAIL);
        identityEnv.put("EMPORIUM_IDENTITY_ADMIN_PASSWORD", ADMIN_PASSWORD);
        identityEnv.put("EMPORIUM_COMMAND_URL", "http://127.0.0.1:" + commandPort); // erasures of deleted accounts
        identity = ServiceProcess.start("identity", "emporium.identityJar", "EMPORIUM_IDENTITY_PORT", identityEnv);
        // the services trust the identity service by its issuer URI alone, and the test's own tokens as the script's
        stack = Stack.start(Map.of("EMPORIUM_QUERY_PORT", Integer.toString(queryPort), "EMPORIUM_COMMAND_PORT", Integer.toString(commandPort),
                "EMPORIUM_JWT_ISSUER_URI", identityUrl,
                "EMPORIUM_JWT_PUBLIC_KEY", "", "EMPORIUM_JWT_SCRIPT_ISSUER", TestTokens.ISSUER,
                "EMPORIUM_JWT_SCRIPT_PUBLIC_KEY", TestTokens.publicKeyFile().toString(),
                "EMPORIUM_CONSOLE_CLIENT_ID", "emporium-console", "EMPORIUM_STOREFRONT_CLIENT_ID", "emporium-storefront",
                "EMPORIUM_WEBHOOKS_ALLOWED_NETWORKS", "127.0.0.1/32"));
        stack.neverLog(MACHINE_SECRET, ADMIN_PASSWORD, "long password", "Ada Harbour", "12 Harbour Road");
        stack.scanLogOf(identity);
        identity.awaitHealthy(Duration.ofSeconds(120));
        accounts = new IdentityClient(identityUrl, MACHINE_SECRET, storefront);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        browser.close();
        if (stack != null) stack.close();
        if (identity != null) identity.close();
    }

    @Test
    void aNewCustomerSignsUpAndInOnTheStorefrontAndReadsOnlyTheirOwnOrders() throws Exception {
        String product = createProduct("JOURNEY-1");
        // another customer's order (a token of the test's own issuer, which the services trust beside), never shown
        assertThat(placeOrder("someone-else", product, TestTokens.bearer(TestTokens.token("someone-else", List.of("customer"))))
                .statusCode()).isEqualTo(202);

        openFresh(storefront);
        browser.await(ExpectedConditions.elementToBeClickable(By.id("storefront-sign-up"))).click();
        browser.await(ExpectedConditions.urlContains(identityUrl + "/signup"));
        type("email", "nora@shop.test");
        type("password", "nora's long password");
        browser.driver.findElement(By.id("sign-up")).click();
        signInAtIdentity("nora@shop.test", "nora's long password");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), "Signed in as nora@shop.test"));
        assertThat(browser.driver.getCurrentUrl()).as("the code is gone from the address").isEqualTo(storefront);
        browser.driver.findElement(By.id("orders-link")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("orders-summary"), "No orders yet."));

        String token = (String) browser.driver.executeScript("return sessionStorage.getItem('emporium.customer.token')");
        String customer = claims(token).get("sub").asText();
        assertThat(customer).startsWith("u-");
        assertThat(placeOrder(customer, product, "Bearer " + token).statusCode()).isEqualTo(202);
        assertThat(placeOrder("someone-else", product, "Bearer " + token).statusCode())
                .as("a customer orders for themselves only").isEqualTo(403);

        // once the order is in the read model (the API, with the page's token), the page lists it
        JsonNode orders = await("the customer's order readable").atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(stack.query.send(
                HttpRequest.newBuilder(URI.create(stack.query.url("/api/orders"))).header("Authorization", "Bearer " + token).build()).body()),
                answer -> answer.path("total").asLong() > 0);
        assertThat(orders.get("total").asLong()).as("only their own order").isEqualTo(1);
        assertThat(orders.get("items").get(0).get("customerId").asText()).isEqualTo(customer);
        browser.driver.navigate().refresh();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("orders-summary"), "1 order"));
        browser.driver.get(storefront);

        browser.driver.findElement(By.id("storefront-sign-out")).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.id("storefront-sign-in")));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(storefront);
    }

    @Test
    void anAdministratorSignsInToTheConsoleAndAMerchantIsRefusedIt() throws Exception {
        // a webhook endpoint nobody listens at: its deliveries fail, and the console shows them with the endpoint
        HttpResponse<String> endpoint = stack.command.send(HttpRequest.newBuilder(URI.create(stack.command.url("/api/webhooks")))
                .header("Authorization", TestTokens.bearer(TestTokens.merchant())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:9/nobody\",\"eventTypes\":[\"io.emporium.product.created.v1\"]}")).build());
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
        createProduct("CONSOLE-HOOK");
        openFresh(storefront + "console");
        browser.await(ExpectedConditions.elementToBeClickable(By.id("provider-sign-in"))).click();
        signInAtIdentity(ADMIN_EMAIL, ADMIN_PASSWORD);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Signed in as u-"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-projection=products]"), "products_v1"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("publishing"), "Publishing is off"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("webhooks"), "http://127.0.0.1:9/nobody"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("webhook-deliveries"), "io.emporium.product.created.v1"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("webhook-deliveries"), "Connect"));

        // a merchant: an account the administrator granted the role, through the identity service's API
        signUpAndGrantMerchant("mia@shop.test", "mia's long password");
        openFresh(storefront + "console");
        browser.await(ExpectedConditions.elementToBeClickable(By.id("provider-sign-in"))).click();
        signInAtIdentity("mia@shop.test", "mia's long password");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("problem"), "403"));
        assertThat(browser.driver.findElement(By.id("problem")).getText()).contains("Forbidden");
    }

    /**
     * The buying journey at phone width, every control worked with the keyboard: search with a misspelled word, two
     * units to the basket, checkout with an approving card, the order followed until CONFIRMED, then found under
     * "My orders" with its history; finally the customer deletes their account and their address becomes unreadable.
     */
    @Test
    void aCustomerBuysWithAnApprovingCardAndFindsTheOrderWithItsHistory() throws Exception {
        String product = createProduct("BUY-1", "Stoneware mug", "9.50", 5);
        signUpOnTheStorefront("ada@shop.test", "ada's long password");

        WebElement box = browser.await(ExpectedConditions.elementToBeClickable(By.id("q")));
        box.sendKeys("stonewere mug", Keys.ENTER); // misspelled
        By add = By.cssSelector("button[data-add='" + product + "']");
        // the results may be drawn again (the search as typed, then as submitted): press the button that is there
        browser.await(driver -> {
            try {
                driver.findElement(add).sendKeys(Keys.ENTER);
                return true;
            } catch (StaleElementReferenceException | ElementNotInteractableException redrawn) {
                return null;
            }
        });
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Added Stoneware mug"));
        browser.driver.executeScript("document.getElementById('notice').textContent = ''");
        browser.driver.findElement(add).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Added Stoneware mug"));

        browser.driver.findElement(By.id("basket-link")).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("basket-total"), "19.00"));
        assertThat(browser.driver.findElement(By.cssSelector("form.quantity input")).getAttribute("value")).isEqualTo("2");
        browser.await(ExpectedConditions.elementToBeClickable(By.id("to-checkout"))).sendKeys(Keys.ENTER);

        fillAddressAndChoose("tok_approve");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("checkout-total"), "19.00"));
        browser.driver.findElement(By.id("place-order")).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.urlContains("/orders/"));
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "CONFIRMED"));
        String orderId = browser.driver.getCurrentUrl().substring(browser.driver.getCurrentUrl().lastIndexOf('/') + 1);

        browser.driver.findElement(By.id("orders-link")).sendKeys(Keys.ENTER);
        By listed = By.cssSelector("li[data-order='" + orderId + "'] a");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li[data-order='" + orderId + "']"), "CONFIRMED"));
        browser.driver.findElement(listed).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#order-history li[data-step=CONFIRMED]")));
        assertThat(browser.driver.findElements(By.cssSelector("#order-history li")).stream().map(li -> li.getAttribute("data-step")).toList())
                .containsSubsequence("PLACED", "RESERVED", "PAYMENT_AUTHORIZED", "CONFIRMED");
        assertThat(StackPayments.simulator().authorizations(orderId)).singleElement()
                .satisfies(a -> assertThat(a.path("amount").asLong()).isEqualTo(1900));

        // the customer leaves: the identity service has the command service erase their personal data
        String customer = claims((String) browser.driver.executeScript("return sessionStorage.getItem('emporium.customer.token')")).get("sub").asText();
        assertThat(stack.database.queryLong("SELECT count(*) FROM command.customer_keys WHERE customer_id = '" + customer + "'")).isEqualTo(1);
        browser.driver.get(identityUrl + "/account");
        browser.await(ExpectedConditions.elementToBeClickable(By.id("delete-account"))).click();
        browser.await(ExpectedConditions.alertIsPresent()).accept();
        browser.await(ExpectedConditions.urlContains("deleted"));
        await("the customer's key is deleted").atMost(Duration.ofSeconds(30)).until(() ->
                stack.database.queryLong("SELECT count(*) FROM command.customer_keys WHERE customer_id = '" + customer + "'") == 0);
        assertThat(stack.database.queryString("SELECT convert_from(payload, 'UTF8') FROM command.domain_event_entry WHERE aggregate_identifier = '"
                + orderId + "' AND payload_type LIKE '%OrderPlacedEvent'")).contains("aesgcm1:").doesNotContain("Harbour Road");
    }

    @Test
    void aDecliningCardShowsTheReasonAndTheStockIsAvailableAgain() throws Exception {
        String product = createProduct("BUY-2", "Brass lantern", "30.00", 2);
        signUpOnTheStorefront("ben@shop.test", "ben's long password");
        browser.driver.get(storefront + "products/" + product);
        for (int i = 0; i < 2; i++) {
            browser.driver.executeScript("document.getElementById('notice').textContent = ''");
            browser.await(ExpectedConditions.elementToBeClickable(By.id("add-to-basket"))).sendKeys(Keys.ENTER);
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Added Brass lantern"));
        }
        browser.driver.get(storefront + "checkout");
        fillAddressAndChoose("tok_decline_funds");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("checkout-total"), "60.00"));
        browser.driver.findElement(By.id("place-order")).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "REJECTED"));
        assertThat(browser.driver.findElement(By.id("order-status")).getText()).contains("insufficient funds");
        await("the stock is available again").atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(stack.query.send(
                HttpRequest.newBuilder(URI.create(stack.query.url("/api/products/" + product))).build()).body()).path("available").asLong() == 2);
    }

    @Test
    void aPriceChangedBeforeCheckoutShowsTheNewTotalAndChargesNothingUntilConfirmedAgain() throws Exception {
        String product = createProduct("BUY-3", "Linen towel", "4.00", 5);
        signUpOnTheStorefront("cleo@shop.test", "cleo's long password");
        browser.driver.get(storefront + "products/" + product);
        browser.await(ExpectedConditions.elementToBeClickable(By.id("add-to-basket"))).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Added Linen towel"));
        browser.driver.get(storefront + "checkout");
        fillAddressAndChoose("tok_approve");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("checkout-total"), "4.00"));

        HttpResponse<String> changed = stack.command.send(HttpRequest.newBuilder(URI.create(stack.command.url("/api/products/" + product + "/price")))
                .header("Authorization", "Bearer " + accounts.machineToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"price\":5.00}")).build());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        await("the new price in the read model").atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(stack.query.send(
                HttpRequest.newBuilder(URI.create(stack.query.url("/api/products/" + product))).build()).body()).path("price").asDouble() == 5.0);
        int authorizationsBefore = StackPayments.simulator().authorizations(null).size();

        browser.driver.findElement(By.id("place-order")).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Nothing was charged"));
        assertThat(browser.driver.findElement(By.id("checkout-total")).getText()).contains("5.00");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/checkout");
        assertThat(StackPayments.simulator().authorizations(null)).as("nothing authorized").hasSize(authorizationsBefore);

        browser.driver.findElement(By.id("place-order")).sendKeys(Keys.ENTER);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("order-status"), "CONFIRMED"));
        assertThat(browser.driver.findElement(By.id("order-lines")).getText()).contains("5.00");
    }

    /** A new account, signed up and in on the storefront at phone width, with no session of anyone before. */
    private static void signUpOnTheStorefront(String email, String password) {
        openFresh(storefront);
        browser.driver.manage().window().setSize(new Dimension(390, 844)); // a phone's width
        browser.await(ExpectedConditions.elementToBeClickable(By.id("storefront-sign-up"))).click();
        browser.await(ExpectedConditions.urlContains(identityUrl + "/signup"));
        type("email", email);
        type("password", password);
        browser.driver.findElement(By.id("sign-up")).click();
        signInAtIdentity(email, password);
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-as"), "Signed in as " + email));
    }

    private static void fillAddressAndChoose(String card) {
        type("ship-name", "Ada Harbour");
        type("ship-line1", "12 Harbour Road");
        type("ship-postal-code", "20095");
        type("ship-city", "Hamburg");
        type("ship-country", "DE");
        browser.driver.findElement(By.cssSelector("input[name=card][value=" + card + "]")).sendKeys(Keys.SPACE);
    }

    /** The page in a browser that has no session anywhere (no identity session, nothing in sessionStorage). */
    private static void openFresh(String page) {
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        browser.driver.get(identityUrl + "/login");
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(page);
        browser.driver.executeScript("sessionStorage.clear()");
        browser.driver.navigate().refresh();
    }

    private static void signInAtIdentity(String email, String password) {
        browser.await(ExpectedConditions.urlContains(identityUrl + "/login"));
        type("username", email);
        type("password", password);
        browser.driver.findElement(By.id("sign-in")).click();
    }

    private static void type(String id, String text) {
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id(id))).sendKeys(text);
    }

    private static void signUpAndGrantMerchant(String email, String password) throws Exception {
        openFresh(identityUrl + "/signup");
        type("email", email);
        type("password", password);
        browser.driver.findElement(By.id("sign-up")).click();
        browser.await(ExpectedConditions.urlContains("registered"));
        accounts.grantRoles(email, List.of("merchant"));
    }

    private static String createProduct(String sku) throws Exception {
        return createProduct(sku, "Journey Lamp", "20.00", 10);
    }

    /** A product, once the read model has it. */
    private static String createProduct(String sku, String name, String price, int stock) throws Exception {
        HttpResponse<String> created = stack.command.send(HttpRequest.newBuilder(URI.create(stack.command.url("/api/products")))
                .header("Authorization", "Bearer " + accounts.machineToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"description\":\"\","
                        + "\"category\":\"home\",\"price\":" + price + ",\"initialStock\":" + stock + "}")).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("productId").asText();
        await("product " + id + " searchable").atMost(Duration.ofSeconds(30)).until(() -> stack.query.send(
                HttpRequest.newBuilder(URI.create(stack.query.url("/api/products/" + id))).build()).statusCode() == 200);
        return id;
    }

    private static HttpResponse<String> placeOrder(String customer, String product, String authorization) throws Exception {
        return stack.command.send(HttpRequest.newBuilder(URI.create(stack.command.url("/api/orders")))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\""
                        + product + "\",\"quantity\":1}]}")).build());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
