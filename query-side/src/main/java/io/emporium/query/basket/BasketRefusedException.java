package io.emporium.query.basket;

import org.springframework.http.HttpStatus;

/** A basket change or checkout that cannot be made as asked: its status, a title and what to do, as a problem answer. */
public class BasketRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public BasketRefusedException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static BasketRefusedException ifMatchMissing() {
        return new BasketRefusedException(HttpStatus.PRECONDITION_REQUIRED, "If-Match required",
                "Send the basket's version as If-Match (its ETag), so that a change made meanwhile elsewhere is not overwritten.");
    }
}
