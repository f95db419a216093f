package io.emporium.command;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command that breaks a business rule of the current state (a discontinued product, an order already shipped):
 * answered 409 with its message. Non-transient, so the command gateway never retries it.
 */
public class CommandRefusedException extends AxonNonTransientException {

    public CommandRefusedException(String message) {
        super(message);
    }
}
