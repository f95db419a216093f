package io.emporium.command.synonym;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;

import io.emporium.api.catalogue.ChangeSynonymsCommand;
import io.emporium.api.catalogue.DefineSynonymsCommand;
import io.emporium.api.catalogue.RemoveSynonymsCommand;
import io.emporium.api.catalogue.SynonymKind;
import io.emporium.api.catalogue.SynonymsChangedEvent;
import io.emporium.api.catalogue.SynonymsDefinedEvent;
import io.emporium.api.catalogue.SynonymsRemovedEvent;
import io.emporium.command.CommandRefusedException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One synonym rule of the shop's search: its history is the history of what search took as the same. A removed rule
 * stays removed (a new one is defined instead), so every rule's effect can be traced to its events.
 */
@Aggregate
public class SynonymRule {

    @AggregateIdentifier
    private String ruleId;
    private SynonymKind kind;
    private List<String> terms;
    private boolean removed;

    protected SynonymRule() {
        // for event sourcing
    }

    @CommandHandler
    public SynonymRule(DefineSynonymsCommand command) {
        apply(new SynonymsDefinedEvent(command.ruleId(), command.kind(), List.copyOf(command.terms())));
    }

    @CommandHandler
    public long handle(ChangeSynonymsCommand command) {
        if (removed) throw new CommandRefusedException("The synonym rule was removed; define a new one");
        if (command.kind() != kind || !command.terms().equals(terms)) {
            apply(new SynonymsChangedEvent(ruleId, command.kind(), List.copyOf(command.terms())));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(RemoveSynonymsCommand command) {
        if (!removed) apply(new SynonymsRemovedEvent(ruleId));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(SynonymsDefinedEvent event) {
        ruleId = event.ruleId();
        kind = event.kind();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(SynonymsChangedEvent event) {
        kind = event.kind();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(SynonymsRemovedEvent event) {
        removed = true;
    }
}
