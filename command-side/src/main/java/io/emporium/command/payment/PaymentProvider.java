package io.emporium.command.payment;

import io.emporium.api.Money;

/**
 * The port to a payment provider. Every call carries an idempotency key: the same key must give the same outcome, so a
 * call may be repeated after a time-out or a crash without charging twice. An adapter for a real provider implements
 * this with the provider's own API (see the README); {@link SimulatorPaymentProvider} is the one that ships.
 */
public interface PaymentProvider {

    /** Authorizes {@code amount} on the token; {@code reference} is the order id, for the provider's records. */
    Outcome authorize(String idempotencyKey, String reference, Money amount, String paymentToken);

    /** Captures exactly {@code amount} of an authorization. */
    Outcome capture(String idempotencyKey, String authorizationId, Money amount);

    /** Releases an authorization. */
    Outcome voidAuthorization(String idempotencyKey, String authorizationId);

    /** The authorization the provider holds for a reference, if any (to release one whose answer came too late). */
    Outcome findByReference(String reference);

    /** What the provider answered. */
    sealed interface Outcome {
    }

    /** Done: the authorization is in the state asked for (authorized, captured or voided). */
    record Done(String authorizationId, Money amount) implements Outcome {
    }

    /** Refused for good: {@code code} as the provider gave it, {@code reason} in words. */
    record Refused(String code, String reason) implements Outcome {
    }

    /** Nothing found (only {@link #findByReference}). */
    record NotFound() implements Outcome {
    }

    /** The provider did not answer in time, or answered with a server error: try again with the same key. */
    class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
