package io.emporium.identity.it;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.emporium.identity.IdentityApplication;
import io.emporium.testsupport.SpringArguments;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** An identity service in this JVM, on a test's own database, driven over real HTTP. */
final class IdentityService implements AutoCloseable {

    static final String MACHINE_SECRET = "machine-secret-of-the-test";
    static final String ADMIN_EMAIL = "admin@shop.test";
    static final String ADMIN_PASSWORD = "admin-password-of-the-test";

    final ConfigurableApplicationContext context;
    final TestDatabase database;
    final int port;

    private IdentityService(ConfigurableApplicationContext context, TestDatabase database) {
        this.context = context;
        this.database = database;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static IdentityService start(String... extraProperties) {
        TestDatabase database = TestServices.newIdentityDatabase();
        Map<String, Object> properties = new HashMap<>(database.identityProperties());
        int port = freePort();
        properties.put("server.port", Integer.toString(port));
        properties.put("emporium.identity-service.issuer", "http://127.0.0.1:" + port);
        properties.put("emporium.identity-service.machine-client-secret", MACHINE_SECRET);
        properties.put("emporium.identity-service.admin-email", ADMIN_EMAIL);
        properties.put("emporium.identity-service.admin-password", ADMIN_PASSWORD);
        properties.put("emporium.identity-service.page-redirect-uris", "http://127.0.0.1:8081/");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IdentityApplication.class)
                .run(SpringArguments.of(properties, extraProperties));
        return new IdentityService(context, database);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The issuer the tokens name: the service's own address. */
    String issuer() {
        return context.getEnvironment().getProperty("emporium.identity-service.issuer");
    }

    /** A browser: its own cookies (the session), redirects not followed so that tests see them. */
    Browser browser() {
        return new Browser();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    final class Browser {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String pathOrUrl) {
            return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build());
        }

        /** Posts a form as the page at {@code page} would, with the CSRF token that page carries. */
        HttpResponse<String> submit(String page, String action, Map<String, String> fields) {
            Map<String, String> withToken = new LinkedHashMap<>(fields);
            withToken.put("_csrf", csrfToken(get(page).body()));
            return post(action, withToken);
        }

        /** Posts a form as given (no CSRF token unless the fields have one). */
        HttpResponse<String> post(String action, Map<String, String> fields) {
            return send(HttpRequest.newBuilder(uri(action)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build());
        }

        HttpResponse<String> signUp(String email, String password) {
            return submit("/signup", "/signup", Map.of("email", email, "password", password));
        }

        HttpResponse<String> signIn(String email, String password) {
            return submit("/login", "/login", Map.of("username", email, "password", password));
        }

        private URI uri(String pathOrUrl) {
            return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : url(pathOrUrl));
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(request.method() + " " + request.uri(), e);
            }
        }

        private static String csrfToken(String page) {
            Matcher token = CSRF.matcher(page);
            if (!token.find()) throw new AssertionError("No CSRF token in the page:\n" + page);
            return token.group(1);
        }
    }
}
