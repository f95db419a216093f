package io.emporium.command;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command whose values break an invariant on their own (a negative price): answered 400. The HTTP layer
 * validates first; this is the aggregate's own guard for every other sender.
 */
public class InvalidCommandException extends AxonNonTransientException {

    public InvalidCommandException(String message) {
        super(message);
    }
}
