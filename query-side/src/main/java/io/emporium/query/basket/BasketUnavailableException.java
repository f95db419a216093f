package io.emporium.query.basket;

/** Redis, where baskets live, is away or slow: a 503, the basket is neither read nor changed. */
public class BasketUnavailableException extends RuntimeException {
    public BasketUnavailableException() {
        super("Baskets are unavailable at the moment (their store does not answer); try again shortly.");
    }
}
