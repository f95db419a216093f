package io.emporium.query.order;

import io.emporium.api.order.OrderEvent;
import io.emporium.query.projection.DocumentProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The orders projection: order events into {@code orders_vN} behind the alias {@code orders}. */
@Configuration
class OrdersProjection {

    static final String NAME = "orders";

    @Bean
    DocumentProjection<OrderDocument> orderDocuments() {
        return new DocumentProjection<>(NAME, "Order", OrderDocument.class,
                event -> event instanceof OrderEvent order ? order.orderId() : null,
                OrderDocumentBuilder::apply, OrderDocument::version);
    }
}
