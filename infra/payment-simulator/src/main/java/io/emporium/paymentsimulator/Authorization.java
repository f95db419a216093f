package io.emporium.paymentsimulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One authorization as the provider keeps it, and every operation asked of it (refused ones too, so a test can see
 * that nobody tried to capture twice or another amount).
 */
final class Authorization {

    String id;
    String reference;
    long amount;
    String currency;
    String paymentToken;
    /** authorized, declined, captured or voided */
    String status;
    String declineCode;
    long capturedAmount;
    Instant createdAt;
    List<Operation> operations = new ArrayList<>();

    /** @param outcome done, or the error code it was refused with */
    record Operation(String kind, String idempotencyKey, long amount, String outcome, Instant at) {
    }
}
