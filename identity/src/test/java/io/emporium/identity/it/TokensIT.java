package io.emporium.identity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.identity.token.SigningKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The tokens the services will read, checked the way they check them (discovery from the issuer, the JWK set):
 * claims, PKCE for the pages, client credentials for machines, refresh tokens rotated, signing keys rotated.
 */
class TokensIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "http://127.0.0.1:8081/";
    private static IdentityService identity;

    @BeforeAll
    static void start() {
        identity = IdentityService.start();
    }

    @AfterAll
    static void stop() {
        if (identity != null) identity.close();
    }

    @Test
    void aCustomerSignedInOnTheStorefrontGetsATokenTheServicesRead() throws Exception {
        IdentityService.Browser browser = identity.browser();
        browser.signUp("erin@shop.test", "erin's long password");
        browser.signIn("erin@shop.test", "erin's long password");
        String verifier = verifier();
        String code = authorize(browser, "emporium-storefront", challenge(verifier));
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", PAGE,
                "client_id", "emporium-storefront", "code_verifier", verifier), null);
        assertThat(tokens.has("refresh_token")).as("a public client gets no refresh token").isFalse();

        Jwt access = decoder().decode(tokens.get("access_token").asText());
        String accountId = identity.database.queryString("SELECT id FROM identity.account WHERE email = 'erin@shop.test'");
        assertThat(access.getSubject()).isEqualTo(accountId);
        assertThat(access.getAudience()).containsExactly("emporium");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(access.getIssuer().toString()).isEqualTo(identity.issuer());
        assertThat(access.getExpiresAt()).isBefore(access.getIssuedAt().plusSeconds(601));
    }

    @Test
    void thePagesMustUsePkce() {
        IdentityService.Browser browser = identity.browser();
        browser.signIn(IdentityService.ADMIN_EMAIL, IdentityService.ADMIN_PASSWORD);
        HttpResponse<String> withoutPkce = browser.get("/oauth2/authorize?response_type=code&client_id=emporium-console"
                + "&redirect_uri=" + PAGE + "&scope=openid&state=s1");
        assertThat(withoutPkce.statusCode()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith(PAGE).contains("error=invalid_request").doesNotContain("code="));
    }

    @Test
    void aMachineGetsAnAdminTokenWithItsClientSecret() throws Exception {
        Jwt access = decoder().decode(machineToken());
        assertThat(access.getSubject()).isEqualTo("emporium-machine");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("admin", "merchant");
        assertThat(access.getAudience()).containsExactly("emporium");

        HttpResponse<String> wrongSecret = tokenResponse(Map.of("grant_type", "client_credentials"),
                basic("emporium-machine", "not the secret"));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void aRefreshTokenUsedTwiceIsRefusedTheSecondTime() throws Exception {
        String clientId = "app-" + UUID.randomUUID();
        identity.bean(RegisteredClientRepository.class).save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId).clientSecret("{noop}app-secret").clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(PAGE).scope(OidcScopes.OPENID)
                .tokenSettings(TokenSettings.builder().reuseRefreshTokens(false).build()).build());
        IdentityService.Browser browser = identity.browser();
        browser.signUp("fay@shop.test", "fay's long password");
        browser.signIn("fay@shop.test", "fay's long password");
        String verifier = verifier();
        String code = authorize(browser, clientId, challenge(verifier));
        String app = basic(clientId, "app-secret");
        JsonNode first = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", PAGE, "code_verifier", verifier), app);
        String refresh = first.get("refresh_token").asText();

        JsonNode second = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), app);
        assertThat(second.get("refresh_token").asText()).as("rotated").isNotEqualTo(refresh);
        HttpResponse<String> again = tokenResponse(Map.of("grant_type", "refresh_token", "refresh_token", refresh), app);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(again.body()).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", second.get("refresh_token").asText()), app)
                .has("access_token")).as("the new one works").isTrue();
    }

    @Test
    void aRotatedKeySignsNewTokensAndTheOldKeysTokensStayValidUntilTheyHaveExpired() throws Exception {
        String before = machineToken();
        String oldKid = kid(before);
        String newKid = identity.bean(SigningKeys.class).rotate().getKeyID();

        String after = machineToken();
        assertThat(kid(after)).isEqualTo(newKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).contains(oldKid, newKid);
        JwtDecoder service = decoder(); // a service that starts now, as one configured with the issuer alone
        assertThat(service.decode(before).getSubject()).isEqualTo("emporium-machine");
        assertThat(service.decode(after).getSubject()).isEqualTo("emporium-machine");

        // once every token it signed has expired (access token lifetime and a grace), the old key leaves the JWK set
        identity.database.connect().createStatement().execute("UPDATE identity.signing_key SET retired_at = now() - interval '1 hour'"
                + " WHERE kid = '" + oldKid + "'");
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        assertThatThrownBy(() -> decoder().decode(before)).isInstanceOf(JwtException.class);
    }

    @Test
    void anAdministratorGrantsMerchantAndTheAccountsNextTokenCarriesIt() throws Exception {
        IdentityService.Browser browser = identity.browser();
        browser.signUp("gus@shop.test", "gus's long password");
        String admin = "Bearer " + machineToken();
        assertThat(api("GET", "/api/accounts?email=gus@shop.test", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> found = api("GET", "/api/accounts?email=gus@shop.test", admin, null);
        assertThat(found.statusCode()).isEqualTo(200);
        String id = JSON.readTree(found.body()).get("id").asText();

        HttpResponse<String> unknown = api("PUT", "/api/accounts/" + id + "/roles", admin, "{\"roles\":[\"owner\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> granted = api("PUT", "/api/accounts/" + id + "/roles", admin, "{\"roles\":[\"merchant\"]}");
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(granted.body()).get("roles").toString()).isEqualTo("[\"customer\",\"merchant\"]");

        browser.signIn("gus@shop.test", "gus's long password");
        String verifier = verifier();
        String code = authorize(browser, "emporium-console", challenge(verifier));
        String token = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", PAGE,
                "client_id", "emporium-console", "code_verifier", verifier), null).get("access_token").asText();
        assertThat(decoder().decode(token).getClaimAsStringList("roles")).containsExactly("customer", "merchant");
        assertThat(api("GET", "/api/accounts?email=gus@shop.test", "Bearer " + token, null).statusCode())
                .as("a merchant administers no accounts").isEqualTo(403);
    }

    private static HttpResponse<String> api(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(identity.url(path))).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        return identity.browser().http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JwtDecoder decoder() {
        return JwtDecoders.fromIssuerLocation(identity.issuer());
    }

    private static List<String> publishedKids() throws Exception {
        JsonNode keys = JSON.readTree(identity.browser().get("/oauth2/jwks").body()).get("keys");
        List<String> kids = new java.util.ArrayList<>();
        keys.forEach(key -> {
            assertThat(key.has("d")).as("no private part published").isFalse();
            kids.add(key.get("kid").asText());
        });
        return kids;
    }

    private static String kid(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).get("kid").asText();
    }

    private static String machineToken() throws Exception {
        return token(Map.of("grant_type", "client_credentials"), basic("emporium-machine", IdentityService.MACHINE_SECRET))
                .get("access_token").asText();
    }

    private static String authorize(IdentityService.Browser browser, String clientId, String challenge) {
        HttpResponse<String> answer = browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + PAGE + "&scope=openid&state=s1&code_challenge=" + challenge + "&code_challenge_method=S256");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(PAGE).contains("state=s1");
        return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    private static JsonNode token(Map<String, String> fields, String authorization) throws Exception {
        HttpResponse<String> answer = tokenResponse(fields, authorization);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> tokenResponse(Map<String, String> fields, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(identity.url("/oauth2/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(IdentityService.form(new LinkedHashMap<>(fields))));
        if (authorization != null) request.header("Authorization", authorization);
        return identity.browser().http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String verifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }
}
