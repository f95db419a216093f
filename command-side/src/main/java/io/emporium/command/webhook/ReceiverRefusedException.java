package io.emporium.command.webhook;

/** A receiver's URL that is not called: not http(s), not resolvable, or an address that is private and not allowed. */
class ReceiverRefusedException extends RuntimeException {

    ReceiverRefusedException(String message) {
        super(message);
    }
}
