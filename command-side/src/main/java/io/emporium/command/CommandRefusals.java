package io.emporium.command;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;

/** Which failures of a command are its final answer (sending it again changes nothing), wherever Axon wrapped them. */
public final class CommandRefusals {

    private CommandRefusals() {
    }

    /** @return the refusal in the failure's cause chain, or null when the failure may pass (a time-out, a lost race, I/O) */
    public static Throwable refusalIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException || t instanceof ConflictingAggregateVersionException
                    || t instanceof CommandRefusedException || t instanceof InvalidCommandException) {
                return t;
            }
        }
        return null;
    }
}
