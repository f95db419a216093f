package io.emporium.paymentsimulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The payment tokens the simulator knows, each standing for a card that behaves one way. There is no card data anywhere:
 * a shop's page would get such a token from the provider's own form, and only the token travels.
 */
enum TestCard {
    /** Authorized at once. */
    APPROVE("tok_approve", null),
    /** Declined: the account lacks the funds. */
    DECLINE_FUNDS("tok_decline_funds", "insufficient_funds"),
    /** Declined: the card has expired. */
    DECLINE_EXPIRED("tok_decline_expired", "expired_card"),
    /** Authorized, but the answer comes after the slow delay: longer than a client's time-out. */
    SLOW("tok_slow", null),
    /** Answers 503 to the first few attempts of each idempotency key, then authorizes. */
    FLAKY("tok_flaky", null);

    final String token;
    /** Why the provider declines it; null where it authorizes. */
    final String declineCode;

    TestCard(String token, String declineCode) {
        this.token = token;
        this.declineCode = declineCode;
    }

    static Optional<TestCard> of(String token) {
        return Arrays.stream(values()).filter(card -> card.token.equals(token)).findFirst();
    }

    String declineMessage() {
        return switch (this) {
            case DECLINE_FUNDS -> "The card was declined: insufficient funds.";
            case DECLINE_EXPIRED -> "The card was declined: it has expired.";
            default -> null;
        };
    }
}
