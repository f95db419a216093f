package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What must never be in a service's log, whatever its format: a bearer token (any JWT), a webhook secret, a password or
 * secret the stack was given, an e-mail address, or personal data a test sent (names, streets). Every e2e stack's logs
 * are scanned when it closes.
 */
final class LogScan {

    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]{8,}\\.[\\w-]{8,}\\.");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/]{8,}");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)*\\.[a-zA-Z]{2,}\\b");

    private LogScan() {
    }

    /** @param logs log files (null entries are skipped) @param neverLogged literal values none of whose lines may hold */
    static void assertClean(List<Path> logs, Collection<String> neverLogged) {
        List<String> leaks = new ArrayList<>();
        for (Path log : logs.stream().filter(Objects::nonNull).toList()) {
            for (String line : lines(log)) {
                String what = leakIn(line, neverLogged);
                if (what != null) leaks.add(log.getFileName() + ": " + what + " in: " + abbreviate(line));
            }
        }
        assertThat(leaks).as("log lines with tokens, secrets or personal data").isEmpty();
    }

    static String leakIn(String line, Collection<String> neverLogged) {
        if (JWT.matcher(line).find()) return "a token";
        if (WEBHOOK_SECRET.matcher(line).find()) return "a webhook secret";
        if (EMAIL.matcher(line).find()) return "an e-mail address";
        for (String value : neverLogged) {
            if (line.contains(value)) return "a secret or personal value";
        }
        return null;
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a line: enough to find it, without repeating what leaked in full. */
    private static String abbreviate(String line) {
        return line.length() <= 160 ? line : line.substring(0, 160) + "…";
    }
}
