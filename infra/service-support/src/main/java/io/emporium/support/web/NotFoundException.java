package io.emporium.support.web;

/** Nothing with that id: answered 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
