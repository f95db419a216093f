package io.emporium.query.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.emporium.query.eventlog.EventLogConnection;
import io.emporium.query.eventlog.EventRows;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event table as the reconciliation reads it: every aggregate of a type with its events up to a position,
 * streamed aggregate by aggregate (one query, a server-side cursor), deserialized and upcast as the processors see
 * them.
 */
@Component
class EventHistory {

    private static final String COLUMNS = EventRows.COLUMNS;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Serializer serializer;
    private final Configuration axon;

    private final String table;

    EventHistory(EventLogConnection eventLog, @Qualifier("eventSerializer") Serializer serializer, Configuration axon) {
        this.jdbc = eventLog.jdbc();
        this.jdbc.setFetchSize(1_000);
        this.transactions = eventLog.readOnlyTransactions();
        this.table = eventLog.table();
        this.serializer = serializer;
        this.axon = axon;
    }

    long aggregates(String aggregateType, long upTo) {
        Long count = jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM " + table
                + " WHERE type = ? AND global_index <= ?", Long.class, aggregateType, upTo);
        return count == null ? 0 : count;
    }

    /** Each aggregate of the type with its events whose global index is at most {@code upTo}, in order. */
    void forEachAggregate(String aggregateType, long upTo, BiConsumer<String, List<DomainEventMessage<?>>> consumer) {
        transactions.executeWithoutResult(tx -> {
            List<DomainEventData<?>> rows = new ArrayList<>();
            jdbc.query("SELECT " + COLUMNS + " FROM " + table + " WHERE type = ? AND global_index <= ?"
                    + " ORDER BY aggregate_identifier, sequence_number", rs -> {
                DomainEventData<?> row = row(rs);
                if (!rows.isEmpty() && !rows.get(0).getAggregateIdentifier().equals(row.getAggregateIdentifier())) {
                    consumer.accept(rows.get(0).getAggregateIdentifier(), deserialize(rows));
                    rows.clear();
                }
                rows.add(row);
            }, aggregateType, upTo);
            if (!rows.isEmpty()) consumer.accept(rows.get(0).getAggregateIdentifier(), deserialize(rows));
        });
    }

    /** The whole history of each of these aggregates, as it is now. */
    void forEachOf(Collection<String> aggregateIds, BiConsumer<String, List<DomainEventMessage<?>>> consumer) {
        if (aggregateIds.isEmpty()) return;
        List<DomainEventData<?>> rows = jdbc.query("SELECT " + COLUMNS + " FROM " + table
                + " WHERE aggregate_identifier = ANY (?) ORDER BY aggregate_identifier, sequence_number",
                (rs, n) -> row(rs), (Object) aggregateIds.toArray(String[]::new));
        List<DomainEventData<?>> one = new ArrayList<>();
        for (DomainEventData<?> row : rows) {
            if (!one.isEmpty() && !one.get(0).getAggregateIdentifier().equals(row.getAggregateIdentifier())) {
                consumer.accept(one.get(0).getAggregateIdentifier(), deserialize(one));
                one.clear();
            }
            one.add(row);
        }
        if (!one.isEmpty()) consumer.accept(one.get(0).getAggregateIdentifier(), deserialize(one));
    }

    /** The sequence number of each of these aggregates' newest event, as the store has it now (absent: no event). */
    Map<String, Long> newestSequences(Collection<String> aggregateIds) {
        Map<String, Long> newest = new HashMap<>();
        if (aggregateIds.isEmpty()) return newest;
        jdbc.query("SELECT aggregate_identifier, max(sequence_number) FROM " + table
                + " WHERE aggregate_identifier = ANY (?) GROUP BY aggregate_identifier",
                rs -> { newest.put(rs.getString(1), rs.getLong(2)); }, (Object) aggregateIds.toArray(String[]::new));
        return newest;
    }

    /** Which of these aggregates have any event at all. */
    Set<String> existing(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) return Set.of();
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM " + table
                + " WHERE aggregate_identifier = ANY (?)", String.class, (Object) aggregateIds.toArray(String[]::new)));
    }

    private List<DomainEventMessage<?>> deserialize(List<DomainEventData<?>> rows) {
        return EventRows.events(rows, serializer, axon.upcasterChain());
    }

    private static DomainEventData<?> row(ResultSet rs) throws SQLException {
        return EventRows.row(rs);
    }
}
