package io.emporium.support.web;

/** A request parameter that parsed but makes no sense (e.g. a page beyond the limit); answered 400 with the field. */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
