package io.emporium.query.merchandising;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.emporium.api.catalogue.AttributeChangedEvent;
import io.emporium.api.catalogue.AttributeDeclaredEvent;
import io.emporium.api.catalogue.SynonymsChangedEvent;
import io.emporium.api.catalogue.SynonymsDefinedEvent;
import io.emporium.api.catalogue.SynonymsRemovedEvent;
import io.emporium.query.eventlog.EventLogConnection;
import io.emporium.query.eventlog.EventRows;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shop's merchandising rules (declared attributes, synonym rules) as search applies them: read from the event
 * table, where they are events of their own, and held here. They are few, so when their rows change (count or newest
 * position: a late commit below the newest is seen too) all of them are read and folded again; a background task
 * looks every {@code emporium.merchandising.refresh-interval}. Search never waits for the database: while it cannot
 * be read, the rules last read stay in force.
 */
@Component
public class MerchandisingRules implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MerchandisingRules.class);
    static final String TYPES = "('Attribute', 'SynonymRule')";

    /** What was read last: the rules, and the rows they came from (count and newest position). */
    private record Snapshot(Map<String, DeclaredAttribute> attributes, List<SynonymRuleView> synonyms, Synonyms expansion,
                            long rows, long newest) {
    }

    private final JdbcTemplate jdbc;
    private final String table;
    private final Serializer serializer;
    private final Configuration axon;
    private final Duration interval;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "merchandising-rules");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Snapshot current = new Snapshot(Map.of(), List.of(), Synonyms.NONE, 0, 0);
    private volatile boolean failing;

    MerchandisingRules(EventLogConnection eventLog, @Qualifier("eventSerializer") Serializer serializer, Configuration axon,
                       @Value("${emporium.merchandising.refresh-interval}") Duration interval) {
        this.jdbc = eventLog.jdbc();
        this.table = eventLog.table();
        this.serializer = serializer;
        this.axon = axon;
        this.interval = interval;
    }

    /** Once Axon's configuration (its upcasters) is started. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Collection<DeclaredAttribute> attributes() {
        return current.attributes().values();
    }

    public DeclaredAttribute attribute(String name) {
        return current.attributes().get(name);
    }

    public List<SynonymRuleView> synonymRules() {
        return current.synonyms();
    }

    public Synonyms synonyms() {
        return current.expansion();
    }

    /** Reads the rules again if their rows changed; public for tests that must not wait for the next look. */
    public void refresh() {
        try {
            long[] state = jdbc.queryForObject("SELECT count(*), coalesce(max(global_index), 0) FROM " + table + " WHERE type IN " + TYPES,
                    (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
            Snapshot last = current;
            if (state[0] == last.rows() && state[1] == last.newest()) return;
            List<DomainEventData<?>> rows = jdbc.query("SELECT " + EventRows.COLUMNS + " FROM " + table + " WHERE type IN " + TYPES
                    + " ORDER BY aggregate_identifier, sequence_number", (rs, n) -> EventRows.row(rs));
            current = fold(EventRows.events(rows, serializer, axon.upcasterChain()), state[0], state[1]);
            if (failing) log.info("The merchandising rules are read again");
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) log.warn("Cannot read the merchandising rules (the last ones read stay in force): {}", e.toString());
            failing = true;
        }
    }

    private static Snapshot fold(List<DomainEventMessage<?>> events, long rows, long newest) {
        Map<String, DeclaredAttribute> attributes = new LinkedHashMap<>();
        Map<String, SynonymRuleView> synonyms = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : events) {
            Object payload = event.getPayload();
            Instant at = event.getTimestamp();
            long version = event.getSequenceNumber();
            if (payload instanceof AttributeDeclaredEvent e) {
                attributes.put(e.name(), new DeclaredAttribute(e.name(), e.label(), e.type(), e.unit(), e.filterable(), at, at, version));
            } else if (payload instanceof AttributeChangedEvent e && attributes.containsKey(e.name())) {
                DeclaredAttribute a = attributes.get(e.name());
                attributes.put(e.name(), new DeclaredAttribute(a.name(), e.label(), a.type(), a.unit(), e.filterable(), a.declaredAt(), at, version));
            } else if (payload instanceof SynonymsDefinedEvent e) {
                synonyms.put(e.ruleId(), new SynonymRuleView(e.ruleId(), e.kind(), e.terms(), at, at, version));
            } else if (payload instanceof SynonymsChangedEvent e && synonyms.containsKey(e.ruleId())) {
                synonyms.put(e.ruleId(), new SynonymRuleView(e.ruleId(), e.kind(), e.terms(), synonyms.get(e.ruleId()).definedAt(), at, version));
            } else if (payload instanceof SynonymsRemovedEvent e) {
                synonyms.remove(e.ruleId());
            }
        }
        List<SynonymRuleView> rules = new ArrayList<>(synonyms.values());
        rules.sort(Comparator.comparing(SynonymRuleView::definedAt).thenComparing(SynonymRuleView::ruleId));
        return new Snapshot(Map.copyOf(attributes), List.copyOf(rules), Synonyms.of(rules), rows, newest);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
