package io.emporium.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tokens of a running identity service, got the way its clients get them: the machine client's by client credentials,
 * a person's by signing in on its pages and the storefront's authorization code flow with PKCE.
 */
public final class IdentityClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final String url;
    private final String machineSecret;
    private final String storefront;

    /**
     * @param url           the identity service's address (its issuer)
     * @param machineSecret the secret of its machine client
     * @param storefront    an address the storefront client may return to
     */
    public IdentityClient(String url, String machineSecret, String storefront) {
        this.url = url;
        this.machineSecret = machineSecret;
        this.storefront = storefront;
    }

    /** An access token of the machine client (roles admin and merchant). */
    public String machineToken() {
        String basic = Base64.getEncoder().encodeToString(("emporium-machine:" + machineSecret).getBytes(StandardCharsets.UTF_8));
        return accessToken(send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()));
    }

    /** Makes an account (a customer) on the sign-up page; an account of that e-mail that exists already is kept. */
    public void signUp(String email, String password) {
        HttpClient browser = browser();
        HttpResponse<String> answer = submit(browser, "/signup", Map.of("email", email, "password", password));
        if (answer.statusCode() != 302 && !answer.body().contains("exists already")) {
            throw new IllegalStateException("Sign-up of " + email + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** The account's id: its tokens' subject, the customer id of the other services. */
    public String accountId(String email) {
        return read(send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(url + "/api/accounts?email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + machineToken()).build()))
                .get("id").asText();
    }

    /** Gives the account these roles (an administrator's call); its next sign-in carries them. */
    public void grantRoles(String email, List<String> roles) {
        HttpResponse<String> granted = send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(url + "/api/accounts/"
                        + accountId(email) + "/roles")).header("Authorization", "Bearer " + machineToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().set("roles", JSON.valueToTree(roles)).toString())).build());
        if (granted.statusCode() != 200) throw new IllegalStateException("Granting " + roles + " answered " + granted.body());
    }

    /** The access token the storefront gets for this person: sign-in on the page, then the code flow with PKCE. */
    public String signedInToken(String email, String password) {
        HttpClient browser = browser();
        HttpResponse<String> signedIn = submit(browser, "/login", Map.of("username", email, "password", password));
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (location.contains("error")) throw new IllegalStateException("Sign-in of " + email + " refused");
        String verifier = randomText();
        HttpResponse<String> authorized = send(browser, HttpRequest.newBuilder(URI.create(url + "/oauth2/authorize?response_type=code"
                + "&client_id=emporium-storefront&scope=openid&state=test&code_challenge_method=S256&redirect_uri="
                + encode(storefront) + "&code_challenge=" + challenge(verifier))).build());
        Matcher code = CODE.matcher(authorized.headers().firstValue("Location").orElse(""));
        if (!code.find()) throw new IllegalStateException("No code for " + email + ": " + authorized.statusCode() + " " + authorized.headers().map());
        return accessToken(send(browser, HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code.group(1),
                        "redirect_uri", storefront, "client_id", "emporium-storefront", "code_verifier", verifier)))).build()));
    }

    /** A browser of its own: its cookies (the sign-in session), redirects seen rather than followed. */
    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the form of a page with the CSRF token that page carries. */
    private HttpResponse<String> submit(HttpClient browser, String page, Map<String, String> fields) {
        Matcher token = CSRF.matcher(send(browser, HttpRequest.newBuilder(URI.create(url + page)).build()).body());
        if (!token.find()) throw new IllegalStateException("No CSRF token on " + page);
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", token.group(1));
        return send(browser, HttpRequest.newBuilder(URI.create(url + page)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(withToken))).build());
    }

    private static String accessToken(HttpResponse<String> answer) {
        JsonNode body = read(answer);
        if (!body.has("access_token")) throw new IllegalStateException("No token: " + answer.statusCode() + " " + answer.body());
        return body.get("access_token").asText();
    }

    private static JsonNode read(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(answer.statusCode() + " " + answer.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String randomText() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
