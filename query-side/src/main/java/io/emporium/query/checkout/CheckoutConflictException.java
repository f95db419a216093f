package io.emporium.query.checkout;

import io.emporium.query.basket.BasketView;

/** The basket is not what the customer agreed to (a price changed, a product went): 409 with the basket as it is now. */
class CheckoutConflictException extends RuntimeException {

    private final String title;
    private final BasketView basket;

    CheckoutConflictException(String title, String detail, BasketView basket) {
        super(detail);
        this.title = title;
        this.basket = basket;
    }

    String title() {
        return title;
    }

    BasketView basket() {
        return basket;
    }
}
