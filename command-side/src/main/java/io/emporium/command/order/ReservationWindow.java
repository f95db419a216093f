package io.emporium.command.order;

import java.time.Duration;

/** How long an order may wait for all of its lines to be reserved before it is rejected. */
public record ReservationWindow(Duration timeout) {
}
