package io.emporium.command.order;

import java.util.ArrayList;
import java.util.List;

import io.emporium.api.order.OrderPlacedEvent;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.messaging.Message;
import org.hamcrest.Matcher;

/** The deadlines an order removed, as the aggregate tests see them. */
class RemovedDeadlines implements ReservationDeadlines {

    final List<String> ids = new ArrayList<>();

    @Override
    public void remove(String scheduleId) {
        ids.add(scheduleId);
    }

    /** The events of a placed order: {@code expected} with the id of its scheduled deadline (a random one) set. */
    static Matcher<List<Message<?>>> placed(OrderPlacedEvent expected) {
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(
                event -> event instanceof OrderPlacedEvent placed && placed.reservationDeadlineId() != null
                        && new OrderPlacedEvent(placed.orderId(), placed.customerId(), placed.lines(), placed.reservationExpiresAt(),
                        placed.paymentToken(), placed.sealedShippingAddress()).equals(expected)),
                Matchers.andNoMore()));
    }
}
