package io.emporium.identity.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-up, sign-in and sign-out through the pages, as a browser sends them; CSRF and throttling on the forms. */
class SignInIT {

    private static IdentityService identity;

    @BeforeAll
    static void start() {
        identity = IdentityService.start("emporium.identity-service.sign-in-failures-per-account=3",
                "emporium.identity-service.sign-in-failure-window=4s");
    }

    @AfterAll
    static void stop() {
        if (identity != null) identity.close();
    }

    @Test
    void aNewCustomerSignsUpSignsInSeesTheAccountAndSignsOut() {
        IdentityService.Browser browser = identity.browser();
        HttpResponse<String> signedUp = browser.signUp("ada@shop.test", "a long enough password");
        assertThat(signedUp.statusCode()).isEqualTo(302);
        assertThat(signedUp.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?registered"));
        assertThat(identity.database.queryString("SELECT roles FROM identity.account WHERE email = 'ada@shop.test'")).isEqualTo("customer");
        assertThat(identity.database.queryString("SELECT password_hash FROM identity.account WHERE email = 'ada@shop.test'"))
                .startsWith("{bcrypt}").doesNotContain("a long enough password");

        HttpResponse<String> signedIn = browser.signIn("Ada@Shop.test", "a long enough password");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("ada@shop.test").contains("customer");

        HttpResponse<String> signedOut = browser.submit("/account", "/logout", Map.of());
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(browser.get("/account").statusCode()).as("signed out: sent to sign in").isEqualTo(302);
    }

    @Test
    void aSecondAccountForTheSameEmailIsRefusedAndAWeakPasswordToo() {
        IdentityService.Browser browser = identity.browser();
        assertThat(browser.signUp("bob@shop.test", "a long enough password").statusCode()).isEqualTo(302);
        HttpResponse<String> again = browser.signUp("BOB@shop.test", "another long password");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("exists already");
        HttpResponse<String> weak = browser.signUp("carol@shop.test", "short");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(identity.database.queryLong("SELECT count(*) FROM identity.account WHERE email = 'carol@shop.test'")).isZero();
    }

    @Test
    void formsPostedWithoutTheirCsrfTokenAreRefusedAndChangeNothing() {
        IdentityService.Browser browser = identity.browser();
        browser.get("/signup"); // a session, as a forged page in the same browser would have
        HttpResponse<String> signUp = browser.post("/signup", Map.of("email", "mallory@shop.test", "password", "a long enough password"));
        assertThat(signUp.statusCode()).isEqualTo(403);
        assertThat(identity.database.queryLong("SELECT count(*) FROM identity.account WHERE email = 'mallory@shop.test'")).isZero();

        HttpResponse<String> signIn = browser.post("/login", Map.of("username", IdentityService.ADMIN_EMAIL,
                "password", IdentityService.ADMIN_PASSWORD));
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(browser.get("/account").statusCode()).as("not signed in").isEqualTo(302);
    }

    @Test
    void repeatedWrongPasswordsAreThrottledAndTheRightOneWorksAfterTheWait() throws Exception {
        IdentityService.Browser browser = identity.browser();
        browser.signUp("dora@shop.test", "the right password!");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = browser.signIn("dora@shop.test", "a wrong password " + i);
            assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }
        HttpResponse<String> throttled = browser.signIn("dora@shop.test", "the right password!");
        assertThat(throttled.statusCode()).isEqualTo(303);
        assertThat(throttled.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled"));
        assertThat(browser.get("/login?throttled").body()).contains("Too many attempts");
        // the same answer for an e-mail that has no account: no hint whether one exists
        for (int i = 0; i < 3; i++) browser.signIn("nobody@shop.test", "a wrong password " + i);
        assertThat(browser.signIn("nobody@shop.test", "anything at all").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?throttled"));

        Thread.sleep(Duration.ofSeconds(4).plusMillis(500).toMillis());
        HttpResponse<String> afterTheWait = browser.signIn("dora@shop.test", "the right password!");
        assertThat(afterTheWait.statusCode()).isEqualTo(302);
        assertThat(afterTheWait.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error", "throttled"));
        assertThat(browser.get("/account").body()).contains("dora@shop.test");
    }

    @Test
    void theFirstAdministratorIsMadeFromTheConfiguredPassword() {
        IdentityService.Browser browser = identity.browser();
        browser.signIn(IdentityService.ADMIN_EMAIL, IdentityService.ADMIN_PASSWORD);
        assertThat(browser.get("/account").body()).contains("customer, merchant, admin");
    }
}
