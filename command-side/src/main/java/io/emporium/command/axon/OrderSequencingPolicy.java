package io.emporium.command.axon;

import io.emporium.api.order.OrderEvent;
import io.emporium.api.product.StockReleasedEvent;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.api.product.StockShippedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * The order saga's events in one sequence per order: an order's own events and its products' stock events are handled
 * in order by one thread of one instance. Per aggregate (Axon's default) a product's reservation and its order's
 * events could be handled at once, on two instances, each saving its own copy of the saga over the other.
 */
class OrderSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof OrderEvent order) return order.orderId();
        if (payload instanceof StockReservedEvent stock) return stock.orderId();
        if (payload instanceof StockReservationRejectedEvent stock) return stock.orderId();
        if (payload instanceof StockReleasedEvent stock) return stock.orderId();
        if (payload instanceof StockShippedEvent stock) return stock.orderId();
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
