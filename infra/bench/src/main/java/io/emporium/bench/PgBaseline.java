package io.emporium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own rate of single-row insert transactions into a table shaped like the event table, at the same
 * number of clients, measured with pgbench from the machine's PostgreSQL.
 */
final class PgBaseline {

    private static final String TABLE = """
            DROP TABLE IF EXISTS bench_event_like;
            DROP SEQUENCE IF EXISTS bench_event_like_seq;
            CREATE SEQUENCE bench_event_like_seq INCREMENT BY 1;
            CREATE TABLE bench_event_like (
                global_index bigint PRIMARY KEY, aggregate_identifier varchar(255) NOT NULL, sequence_number bigint NOT NULL,
                type varchar(255), event_identifier varchar(255) NOT NULL UNIQUE, payload_type varchar(255) NOT NULL,
                payload_revision varchar(255), payload bytea NOT NULL, meta_data bytea, time_stamp varchar(255) NOT NULL,
                UNIQUE (aggregate_identifier, sequence_number));
            """;
    private static final String INSERT = """
            INSERT INTO bench_event_like VALUES (nextval('bench_event_like_seq'), md5(random()::text), 0, 'Product',
              md5(random()::text), 'io.emporium.api.product.ProductPriceChangedEvent', NULL,
              convert_to('{"productId":"' || md5(random()::text) || '","price":{"amount":12.99,"currency":"EUR"}}', 'UTF8'),
              convert_to('{}', 'UTF8'), now()::text);
            """;

    private PgBaseline() {
    }

    static double insertsPerSecond(String host, int port, String database, String user, String password, int clients, int seconds)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("emporium-pgbench");
        Path table = Files.writeString(dir.resolve("table.sql"), TABLE);
        Path insert = Files.writeString(dir.resolve("insert.sql"), INSERT);
        run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", Integer.toString(port), "-U", user,
                "-d", database, "-f", table.toString()), password);
        String output = run(List.of(pgbench(), "-n", "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds),
                "-f", insert.toString(), "-h", host, "-p", Integer.toString(port), "-U", user, database), password);
        run(List.of("psql", "-X", "-q", "-h", host, "-p", Integer.toString(port), "-U", user, "-d", database,
                "-c", "DROP TABLE bench_event_like; DROP SEQUENCE bench_event_like_seq;"), password);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) throw new IllegalStateException("pgbench said no tps:\n" + output);
        return Double.parseDouble(tps.group(1));
    }

    private static String pgbench() {
        for (String candidate : List.of("/usr/bin/pgbench", "/usr/lib/postgresql/17/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench",
                "/usr/lib/postgresql/15/bin/pgbench")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return "pgbench";
    }

    private static String run(List<String> command, String password) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null && !password.isEmpty()) builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
