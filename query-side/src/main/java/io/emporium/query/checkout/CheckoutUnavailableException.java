package io.emporium.query.checkout;

/** The order could not be placed for a reason of the backend's own: a 503; the same request may be repeated as it is. */
class CheckoutUnavailableException extends RuntimeException {
    CheckoutUnavailableException(String reason) {
        super(reason);
    }
}
