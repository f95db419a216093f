package io.emporium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenAPI documents committed under {@code docs/openapi/}: the contract a service's served document must equal, so
 * that every change of the API is a visible diff in review. {@code -Demporium.openapi.write=true} writes what the
 * service serves instead (then read the diff, and commit it if it is meant).
 */
public final class CommittedApiDocument {

    private CommittedApiDocument() {
    }

    /** {@code docs/openapi/<name>.yaml} of the repository the tests run in. */
    public static Path path(String name) {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/openapi"))) return dir.resolve("docs/openapi/" + name + ".yaml");
        }
        throw new IllegalStateException("No docs/openapi folder above " + here);
    }

    /** Whether this run writes the served documents ({@code -Demporium.openapi.write=true}). */
    public static boolean writing() {
        return Boolean.getBoolean("emporium.openapi.write");
    }

    public static String read(String name) {
        try {
            return Files.readString(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifferentLine(String expected, String actual) {
        String[] a = expected.split("\n", -1), b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end>", right = i < b.length ? b[i] : "<end>";
            if (!left.equals(right)) return (i + 1) + ":\n  committed: " + left + "\n  served:    " + right;
        }
        return "?";
    }

    public static void assertServedIsCommitted(String name, String served) {
        Path committed = path(name);
        try {
            if (writing()) Files.writeString(committed, served);
            String expected = Files.readString(committed);
            if (!served.equals(expected)) {
                throw new AssertionError("The served OpenAPI document differs from " + committed + " (after a meant change of the"
                        + " API, run this test with -Demporium.openapi.write=true and commit the diff); first difference at line "
                        + firstDifferentLine(expected, served));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
