package io.emporium.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A large history in the event table before the write step (--events-in-store), through COPY: aggregates of ten
 * events each, random identifiers (so the table's indexes grow as a real store's do), payloads of a real event's
 * size. Their payload type is one no handler of the services knows, so the processors pass over them once (cheaply)
 * instead of projecting them for half an hour: what the write step then measures is the cost of a big table and its
 * indexes, not a backlog.
 */
final class HistoryLoader {

    static final String PAYLOAD_TYPE = "io.emporium.bench.ArchivedHistoryEvent";
    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final int ROWS_PER_COPY = 250_000;

    record Sizes(long events, double tableMb, double indexesMb) {
    }

    private HistoryLoader() {
    }

    static void load(String jdbcUrl, String user, String password, long events, long seed) throws SQLException {
        Random random = new Random(seed);
        HexFormat hex = HexFormat.of();
        String metaData = "\\\\x" + hex.formatHex("{}".getBytes(StandardCharsets.UTF_8));
        String filler = "x".repeat(180);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            long written = 0;
            String aggregate = null;
            while (written < events) {
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY command.domain_event_entry (aggregate_identifier,"
                        + " sequence_number, type, event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp) FROM STDIN");
                StringBuilder rows = new StringBuilder(1 << 20);
                long end = Math.min(events, written + ROWS_PER_COPY);
                for (; written < end; written++) {
                    int sequence = (int) (written % EVENTS_PER_AGGREGATE);
                    if (sequence == 0) aggregate = new UUID(random.nextLong(), random.nextLong()).toString();
                    String payload = "{\"id\":\"" + aggregate + "\",\"note\":\"" + filler + "\",\"amount\":" + random.nextInt(100_000) + "}";
                    rows.append(aggregate).append('\t').append(sequence).append("\tArchive\t")
                            .append(new UUID(random.nextLong(), random.nextLong())).append('\t').append(PAYLOAD_TYPE).append("\t\\N\t")
                            .append("\\\\x").append(hex.formatHex(payload.getBytes(StandardCharsets.UTF_8))).append('\t')
                            .append(metaData).append('\t').append(Instant.now()).append('\n');
                    if (rows.length() > (1 << 20)) flush(copy, rows);
                }
                flush(copy, rows);
                copy.endCopy();
                c.commit();
                Progress.show("history", written, events, "events");
            }
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("ANALYZE command.domain_event_entry");
            }
        }
        Progress.done("history", String.format("%,d events loaded", events));
    }

    private static void flush(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    /** How many events the table holds, and how big it and its indexes are. */
    static Sizes sizes(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM command.domain_event_entry),"
                     + " pg_table_size('command.domain_event_entry'), pg_indexes_size('command.domain_event_entry')")) {
            rs.next();
            return new Sizes(rs.getLong(1), rs.getLong(2) / 1048576.0, rs.getLong(3) / 1048576.0);
        }
    }
}
