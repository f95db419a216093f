package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emporium.client.command.api.OrdersApi;
import io.emporium.client.command.api.ProductsApi;
import io.emporium.client.command.model.NewOrder;
import io.emporium.client.command.model.NewOrderLine;
import io.emporium.client.command.model.NewProduct;
import io.emporium.client.command.model.OrderCancellation;
import io.emporium.client.command.model.PlacedOrder;
import io.emporium.client.command.model.Problem;
import io.emporium.client.command.model.ProductChange;
import io.emporium.client.command.model.ProductPrice;
import io.emporium.client.query.api.BasketApi;
import io.emporium.client.query.api.CheckoutApi;
import io.emporium.client.query.api.SearchApi;
import io.emporium.client.query.model.Basket;
import io.emporium.client.query.model.BasketLineChange;
import io.emporium.client.query.model.Checkout;
import io.emporium.client.query.model.CheckoutAccepted;
import io.emporium.client.query.model.OrderHistoryStep;
import io.emporium.client.query.model.ShippingAddress;
import io.emporium.client.query.model.CategoryCount;
import io.emporium.client.query.model.Order;
import io.emporium.client.query.model.SearchHit;
import io.emporium.client.query.model.SearchResult;
import io.emporium.client.query.model.VersionNotReachedProblem;
import io.emporium.client.command.ApiException;
import io.emporium.client.command.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough through the Java clients that openapi-generator makes from the committed documents
 * (docs/openapi/*.yaml) and nothing else: what a team that adopts Emporium would generate and call. A document that
 * describes an answer wrongly breaks a step here (a status, a header, a field the client cannot read).
 */
class GeneratedClientIT {

    private static Stack stack;
    private static ProductsApi products;
    private static OrdersApi orders;
    private static SearchApi search;
    private static io.emporium.client.query.api.OrdersApi orderViews;
    private static io.emporium.client.command.ApiClient commandClient;
    private static BasketApi basket;
    private static CheckoutApi checkout;

    @BeforeAll
    static void startTheStackAndItsClients() throws Exception {
        stack = Stack.start(Map.of());
        commandClient = new io.emporium.client.command.ApiClient();
        commandClient.updateBaseUri(stack.command.url(""));
        commandClient.setRequestInterceptor(request -> request.header("Authorization", Stack.clientAuthorization()));
        products = new ProductsApi(commandClient);
        orders = new OrdersApi(commandClient);
        io.emporium.client.query.ApiClient queryClient = new io.emporium.client.query.ApiClient();
        queryClient.updateBaseUri(stack.query.url(""));
        queryClient.setRequestInterceptor(request -> request.header("Authorization", Stack.clientAuthorization()));
        search = new SearchApi(queryClient);
        orderViews = new io.emporium.client.query.api.OrdersApi(queryClient);
        basket = new BasketApi(queryClient);
        checkout = new CheckoutApi(queryClient);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) stack.close();
    }

    @Test
    void theWalkthroughRunsThroughTheGeneratedClientsAlone() throws Exception {
        // create a product: 201 with Location and ETag
        ApiResponse<ProductChange> created = products.createProductWithHttpInfo(new NewProduct().sku("GEN-GRINDER")
                .name("Coffee Grinder").description("Burr grinder, 15 settings").category("kitchen")
                .price(new BigDecimal("49.90")).initialStock(12), null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        String productId = created.getData().getProductId();
        assertThat(created.getHeaders().get("Location")).containsExactly("/api/products/" + productId);
        assertThat(created.getHeaders().get("ETag")).containsExactly("\"0\"");
        String mugId = products.createProduct(new NewProduct().sku("GEN-MUG").name("Stoneware Coffee Mug").description("Holds 350 ml")
                .category("kitchen").price(new BigDecimal("12.50")).initialStock(40), null).getProductId();

        // change its price with If-Match; the same If-Match again is a 412 problem
        ProductChange repriced = products.changeProductPrice(productId, new ProductPrice().price(new BigDecimal("59.90")), "\"0\"");
        assertThat(repriced.getVersion()).isEqualTo(1L);
        ApiException stale = catchThrowableOfType(ApiException.class,
                () -> products.changeProductPrice(productId, new ProductPrice().price(new BigDecimal("54.90")), "\"0\""));
        assertThat(stale.getCode()).isEqualTo(412);
        Problem mismatch = problem(stale);
        assertThat(mismatch.getStatus()).isEqualTo(412);
        assertThat(mismatch.getTitle()).isEqualTo("Version mismatch");

        // place an order with an Idempotency-Key, and again with the same key: the same order
        String key = UUID.randomUUID().toString();
        NewOrder order = new NewOrder().customerId(Stack.customer()).lines(List.of(new NewOrderLine().productId(productId).quantity(2)));
        ApiResponse<PlacedOrder> placed = orders.placeOrderWithHttpInfo(order, key);
        assertThat(placed.getStatusCode()).isEqualTo(202);
        assertThat(placed.getData().getStatus()).isEqualTo(PlacedOrder.StatusEnum.PENDING);
        PlacedOrder again = orders.placeOrder(order, key);
        assertThat(again.getOrderId()).isEqualTo(placed.getData().getOrderId());

        // read it with minVersion: until the saga confirmed it (version 1), the read answers a typed 409 problem
        String orderId = placed.getData().getOrderId();
        Order confirmed = await("the order confirmed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> readOrder(orderId, 1L), o -> o != null && "CONFIRMED".equals(o.getStatus()));
        assertThat(confirmed.getTotal()).isEqualByComparingTo("119.80");
        assertThat(confirmed.getLines()).singleElement().satisfies(line -> assertThat(line.getQuantity()).isEqualTo(2));
        io.emporium.client.query.ApiException notYet = catchThrowableOfType(io.emporium.client.query.ApiException.class,
                () -> orderViews.getOrder(orderId, 1_000L));
        assertThat(notYet.getCode()).isEqualTo(409);
        assertThat(notYet.getResponseHeaders().firstValue("Retry-After")).isPresent();
        VersionNotReachedProblem behind = new io.emporium.client.query.JSON().getMapper()
                .readValue(notYet.getResponseBody(), VersionNotReachedProblem.class);
        assertThat(behind.getRequestedVersion()).isEqualTo(1_000L);
        assertThat(behind.getCurrentVersion()).isEqualTo(confirmed.getVersion());

        // search with filters, facets and a sort
        search.getProduct(productId, 2L, null); // the price change and the reservation are searchable
        SearchResult found = search.searchProducts("coffee", List.of("kitchen"), null, null, new BigDecimal("10"), new BigDecimal("100"),
                true, null, "price_desc", null, 0, 20);
        assertThat(found.getTotal()).isEqualTo(2L);
        assertThat(found.getArticles()).isEqualTo(2L);
        assertThat(found.getItems()).extracting(SearchHit::getName).containsExactly("Coffee Grinder", "Stoneware Coffee Mug");
        assertThat(found.getItems().get(0).getAvailable()).isEqualTo(10L);
        assertThat(found.getFacets().getCategories()).extracting(CategoryCount::getValue, CategoryCount::getCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kitchen", 2L));

        // cancel the order; shipping it then is a 409 problem, read as a problem
        orders.cancelOrder(orderId, null, null, new OrderCancellation().reason("changed my mind"));
        ApiException refused = catchThrowableOfType(ApiException.class, () -> orders.shipOrder(orderId, null, null));
        assertThat(refused.getCode()).isEqualTo(409);
        Problem conflict = problem(refused);
        assertThat(conflict.getStatus()).isEqualTo(409);
        assertThat(conflict.getDetail()).contains("CANCELLED");

        // buy: the basket changed at its version (a stale one is 412), checked out with a key, paid, confirmed, its history
        io.emporium.client.query.ApiResponse<Basket> current = basket.getBasketWithHttpInfo();
        String emptied = "\"" + basket.emptyBasket(current.getHeaders().get("ETag").get(0)).getVersion() + "\"";
        Basket withMugs = basket.setBasketLine(mugId, new BasketLineChange().quantity(2), emptied);
        assertThat(withMugs.getTotal()).isEqualByComparingTo("25.00");
        io.emporium.client.query.ApiException staleBasket = catchThrowableOfType(io.emporium.client.query.ApiException.class,
                () -> basket.setBasketLine(mugId, new BasketLineChange().quantity(3), emptied));
        assertThat(staleBasket.getCode()).isEqualTo(412);
        CheckoutAccepted bought = checkout.checkout(UUID.randomUUID().toString(), new Checkout().expectedTotal(withMugs.getTotal())
                .paymentToken("tok_approve").shippingAddress(new ShippingAddress().name("Alice").line1("1 Harbour Road").postalCode("20095")
                        .city("Hamburg").country("DE")), "\"" + withMugs.getVersion() + "\"");
        assertThat(bought.getStatus()).isEqualTo(CheckoutAccepted.StatusEnum.PENDING);
        Order paid = await("the bought order confirmed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> readOrder(bought.getOrderId(), 3L), o -> o != null && "CONFIRMED".equals(o.getStatus()));
        assertThat(paid.getPayment()).isEqualTo(Order.PaymentEnum.AUTHORIZED);
        assertThat(orderViews.getOrderHistory(bought.getOrderId())).extracting(OrderHistoryStep::getWhat).containsExactly(
                OrderHistoryStep.WhatEnum.PLACED, OrderHistoryStep.WhatEnum.RESERVED, OrderHistoryStep.WhatEnum.PAYMENT_AUTHORIZED,
                OrderHistoryStep.WhatEnum.CONFIRMED);
    }

    private static Order readOrder(String orderId, long minVersion) throws Exception {
        try {
            return orderViews.getOrder(orderId, minVersion);
        } catch (io.emporium.client.query.ApiException e) {
            if (e.getCode() == 409) return null; // not reached yet
            throw e;
        }
    }

    private static Problem problem(ApiException e) throws Exception {
        assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        return commandClient.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }
}
