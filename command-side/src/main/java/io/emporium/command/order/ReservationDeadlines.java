package io.emporium.command.order;

/** Removes the reservation deadline of an order that was decided before it was due. */
public interface ReservationDeadlines {

    /**
     * In the deciding command's transaction. A deadline already being fired (on this or another instance) is left to
     * fire: it finds the order decided and changes nothing.
     *
     * @param scheduleId what the deadline manager answered when the order was placed
     */
    void remove(String scheduleId);
}
