package io.emporium.command.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.emporium.api.order.OrderPaymentCaptureRequestedEvent;
import io.emporium.api.order.OrderPaymentRequestedEvent;
import io.emporium.api.order.OrderPaymentVoidRequestedEvent;
import io.emporium.api.order.RecordPaymentAuthorizationCommand;
import io.emporium.api.order.RecordPaymentCaptureCommand;
import io.emporium.api.order.RecordPaymentDeclineCommand;
import io.emporium.api.order.RecordPaymentVoidCommand;
import io.emporium.command.order.AwaitedCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out what an order decided about its payment: authorize, capture, void. Each call has a key of its own per
 * order and operation, so a repeat (after a time-out, a 5xx, a crash before the outcome was recorded) gets the same
 * answer from the provider and never a second authorization or capture. The outcome goes back to the order as a
 * command, awaited before this processor's token moves past the event ({@link AwaitedCommands}): a crash in between
 * repeats the call, never skips it.
 * <p>
 * Authorization is retried until the order's reservation deadline; after it the order is rejected by that deadline,
 * and an authorization the provider made all the same (its answer came too late) is looked up and handed to the order,
 * which releases it. Captures and voids are retried until they are answered: they must happen.
 */
@Component
@ProcessingGroup(OrderPayments.PROCESSOR)
class OrderPayments {

    static final String PROCESSOR = "payments";
    private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);
    /** How long one event may retry in place before its batch fails and the processor tries it again later. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PaymentProvider provider;
    private final AwaitedCommands commands;
    private final PaymentProperties properties;
    private final MeterRegistry meters;

    OrderPayments(PaymentProvider provider, AwaitedCommands commands, PaymentProperties properties, MeterRegistry meters) {
        this.provider = provider;
        this.commands = commands;
        this.properties = properties;
        this.meters = meters;
    }

    @EventHandler
    void on(OrderPaymentRequestedEvent event) {
        String orderId = event.orderId();
        Instant until = event.authorizeUntil() != null ? event.authorizeUntil() : Instant.now().plus(PATIENCE);
        // past the deadline (a backlog after a restart) the order is rejected already: nothing new is authorized
        PaymentProvider.Outcome outcome = Instant.now().isAfter(until) ? null : retrying("authorize", until,
                () -> provider.authorize(key(orderId, "authorize"), orderId, event.total(), event.paymentToken()));
        if (outcome == null) {
            // the order's deadline rejects it; what the provider authorized all the same must be released
            outcome = retrying("find", Instant.now().plus(PATIENCE), () -> provider.findByReference(orderId));
            if (outcome == null) throw new PaymentProvider.UnavailableException("the provider is still away: later", null);
        }
        count("authorize", outcome);
        if (outcome instanceof PaymentProvider.Done done) {
            commands.send(new RecordPaymentAuthorizationCommand(orderId, done.authorizationId(), done.amount()));
        } else if (outcome instanceof PaymentProvider.Refused refused) {
            commands.send(new RecordPaymentDeclineCommand(orderId, refused.code(), refused.reason()));
        } else {
            log.info("Order {}: the provider never authorized it", orderId);
        }
    }

    @EventHandler
    void on(OrderPaymentCaptureRequestedEvent event) {
        settle("capture", event.orderId(), () -> provider.capture(key(event.orderId(), "capture"), event.authorizationId(), event.amount()),
                new RecordPaymentCaptureCommand(event.orderId(), event.authorizationId(), event.amount()));
    }

    @EventHandler
    void on(OrderPaymentVoidRequestedEvent event) {
        settle("void", event.orderId(), () -> provider.voidAuthorization(key(event.orderId(), "void"), event.authorizationId()),
                new RecordPaymentVoidCommand(event.orderId(), event.authorizationId()));
    }

    /** A capture or a void: it must happen, so it is retried until the provider answers; done, the order records it. */
    private void settle(String operation, String orderId, Supplier<PaymentProvider.Outcome> call, Object record) {
        PaymentProvider.Outcome outcome = retrying(operation, Instant.now().plus(PATIENCE), call);
        if (outcome == null) throw new PaymentProvider.UnavailableException("the provider did not " + operation + " yet: later", null);
        count(operation, outcome);
        if (outcome instanceof PaymentProvider.Done) {
            commands.send(record);
        } else {
            log.error("Order {}: the provider refused to {} its authorization: {}", orderId, operation, outcome);
        }
    }

    /** The provider's answer, or null when it did not give one before {@code until}. */
    private PaymentProvider.Outcome retrying(String operation, Instant until, Supplier<PaymentProvider.Outcome> call) {
        Duration pause = properties.retryDelay();
        while (true) {
            try {
                return call.get();
            } catch (PaymentProvider.UnavailableException unavailable) {
                meters.counter("emporium_payment_calls", "operation", operation, "outcome", "unavailable").increment();
                if (Instant.now().plus(pause).isAfter(until)) return null;
                log.info("Payment provider unavailable ({}), retrying {} in {} ms", unavailable.getMessage(), operation, pause.toMillis());
                sleep(pause);
                Duration doubled = pause.multipliedBy(2);
                pause = doubled.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : doubled;
            }
        }
    }

    private void count(String operation, PaymentProvider.Outcome outcome) {
        String result = outcome instanceof PaymentProvider.Done ? "done" : outcome instanceof PaymentProvider.Refused ? "refused" : "none";
        meters.counter("emporium_payment_calls", "operation", operation, "outcome", result).increment();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentProvider.UnavailableException("interrupted", e);
        }
    }

    /** One key per order and operation: every repeat of it is the same request to the provider. */
    static String key(String orderId, String operation) {
        return "order-" + orderId + "-" + operation;
    }
}
