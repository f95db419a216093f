package io.emporium.command.web;

/** The command service cannot take or finish the command now: answered 503 with {@code Retry-After}. */
public class CommandsBusyException extends RuntimeException {

    public CommandsBusyException(String message) {
        super(message);
    }
}
