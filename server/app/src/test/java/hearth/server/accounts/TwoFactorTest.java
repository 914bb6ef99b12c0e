package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-factor sign-in over HTTP: setting it up, logging in with codes, recovery codes, replay, staff requirement. */
class TwoFactorTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static final Totp TOTP = new Totp(Clock.systemUTC(), new SecureRandom());

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = new Browser(site);
        signUp(admin, "Keeper", "keeper@example.org"); // first account: admin
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static void signUp(Browser browser, String username, String email) {
        assertEquals(303, browser.submit("/signup", "/signup", Map.of("username", username, "email", email,
                "password", "compost-heap-42", "terms", "yes")).statusCode());
    }

    /** Turns two-factor on for the browser's member; returns the secret and the recovery codes. */
    private static Enabled enable(Browser browser) {
        String setup = browser.get("/account/2fa").body();
        Matcher secret = Pattern.compile("name=\"secret\" value=\"([A-Z2-7]{32})\"").matcher(setup);
        assertTrue(secret.find(), setup);
        HttpResponse<String> wrong = browser.submit("/account/2fa", "/account/2fa/enable",
                Map.of("secret", secret.group(1), "code", "000000"));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("That code does not match."), wrong.body());
        HttpResponse<String> on = browser.submit("/account/2fa", "/account/2fa/enable",
                Map.of("secret", secret.group(1), "code", TOTP.codeAt(secret.group(1), Instant.now())));
        assertEquals(200, on.statusCode(), on.body());
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("<li><code>([a-z]{4}-[a-z]{4}-[a-z]{4})</code></li>").matcher(on.body());
        while (m.find()) {
            codes.add(m.group(1));
        }
        assertEquals(10, codes.size(), on.body());
        return new Enabled(secret.group(1), codes);
    }

    private record Enabled(String secret, List<String> recoveryCodes) {
    }

    private static HttpResponse<String> password(Browser browser, String username) {
        return browser.submit("/login", "/login", Map.of("identifier", username, "password", "compost-heap-42"));
    }

    private static HttpResponse<String> code(Browser browser, String code) {
        return browser.submit("/login/2fa", "/login/2fa", Map.of("code", code, "next", "/account/security"));
    }

    @Test
    void loggingInAsksForTheCodeAndRefusesReplays() {
        Browser setup = new Browser(site);
        signUp(setup, "Ivy", "ivy@example.org");
        Enabled enabled = enable(setup);

        Browser browser = new Browser(site);
        HttpResponse<String> first = password(browser, "ivy");
        assertEquals(303, first.statusCode());
        assertTrue(first.headers().firstValue("location").orElseThrow().startsWith("/login/2fa"));
        assertEquals(303, browser.get("/account/security").statusCode(), "not logged in yet");

        HttpResponse<String> wrong = code(browser, "123456");
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("That code is not right."), wrong.body());

        // Enabling used the current step; the next one is still accepted (clock skew allowance) and is newer.
        String next = TOTP.codeAt(enabled.secret(), Instant.now().plusSeconds(30));
        HttpResponse<String> in = code(browser, next);
        assertEquals(303, in.statusCode(), in.body());
        assertEquals("/account/security", in.headers().firstValue("location").orElseThrow());
        assertEquals(200, browser.get("/account/security").statusCode());

        Browser replay = new Browser(site);
        password(replay, "ivy");
        assertEquals(400, code(replay, next).statusCode(), "a used code does not work twice");
    }

    @Test
    void aRecoveryCodeWorksOnce() {
        Browser setup = new Browser(site);
        signUp(setup, "Moss", "moss@example.org");
        Enabled enabled = enable(setup);
        String recovery = enabled.recoveryCodes().get(3).toUpperCase().replace("-", " ");

        Browser lostPhone = new Browser(site);
        password(lostPhone, "moss");
        assertEquals(303, code(lostPhone, recovery).statusCode(), "case and spacing do not matter");
        assertTrue(lostPhone.get("/account/2fa").body().contains("You have 9 unused recovery codes."));

        Browser again = new Browser(site);
        password(again, "moss");
        assertEquals(400, code(again, recovery).statusCode());
    }

    @Test
    void theApiTakesTheCodeInTheSameRequest() throws Exception {
        Browser setup = new Browser(site);
        signUp(setup, "Fern", "fern@example.org");
        Enabled enabled = enable(setup);

        HttpResponse<String> withoutCode = apiLogin("{\"identifier\":\"fern\",\"password\":\"compost-heap-42\"}");
        assertEquals(400, withoutCode.statusCode());
        assertTrue(withoutCode.body().contains("\"field\":\"code\""), withoutCode.body());
        String code = TOTP.codeAt(enabled.secret(), Instant.now().plusSeconds(30));
        HttpResponse<String> withCode = apiLogin("{\"identifier\":\"fern\",\"password\":\"compost-heap-42\","
                + "\"code\":\"" + code + "\"}");
        assertEquals(200, withCode.statusCode(), withCode.body());
        assertTrue(withCode.body().contains("\"twoFactor\":true"));
    }

    private HttpResponse<String> apiLogin(String json) throws Exception {
        HttpResponse<String> page = site.get("/login");
        String csrf = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("hearth_csrf="))
                .findFirst().orElseThrow().split(";")[0].substring("hearth_csrf=".length());
        return site.http().send(HttpRequest.newBuilder(URI.create(site.uri("/api/v1/session").toString()))
                .header("Content-Type", "application/json").header("Cookie", "hearth_csrf=" + csrf)
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void turningItOffNeedsThePassword() {
        Browser browser = new Browser(site);
        signUp(browser, "Rue", "rue@example.org");
        enable(browser);
        HttpResponse<String> wrong = browser.submit("/account/2fa", "/account/2fa/disable",
                Map.of("password", "not-it-at-all"));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("That is not your password."));
        assertEquals(303, browser.submit("/account/2fa", "/account/2fa/disable",
                Map.of("password", "compost-heap-42")).statusCode());
        assertTrue(browser.get("/account/2fa").body().contains("name=\"secret\""), "set-up form again: it is off");
        Browser plain = new Browser(site);
        HttpResponse<String> login = password(plain, "rue");
        assertEquals("/", login.headers().firstValue("location").orElseThrow(), "no second step any more");
    }

    @Test
    void adminsCanRequireItForStaff() {
        HttpResponse<String> saved = admin.submit("/admin/settings", "/admin/settings",
                Map.of("accounts.require-2fa-for-staff", "on", "accounts.deleted-member-posts", "anonymise"));
        assertEquals(303, saved.statusCode(), saved.body());
        try {
            HttpResponse<String> blocked = admin.get("/admin/mail");
            assertEquals(303, blocked.statusCode());
            assertEquals("/account/2fa?required=1", blocked.headers().firstValue("location").orElseThrow());
            assertTrue(admin.get("/account/2fa?required=1").body().contains("requires moderators and admins"));

            Browser member = new Browser(site);
            signUp(member, "Sage", "sage@example.org");
            assertEquals(200, member.get("/account/security").statusCode(), "members are not affected");
        } finally {
            Enabled enabled = enable(admin); // the admin complies, and can work again
            assertFalse(enabled.recoveryCodes().isEmpty());
            assertEquals(200, admin.get("/admin/mail").statusCode());
        }
    }

    @Test
    void settingsAreForAdminsAndValidated() {
        Browser member = new Browser(site);
        signUp(member, "Basil", "basil@example.org");
        assertEquals(403, member.get("/admin/settings").statusCode());
        assertEquals(403, member.get("/admin").statusCode());
        assertFalse(member.get("/").body().contains("href=\"/admin\""), "no admin link for members");
        assertTrue(admin.get("/").body().contains("href=\"/admin\""));
        assertTrue(admin.get("/admin").body().contains("href=\"/admin/invites\""));
        HttpResponse<String> bad = admin.submit("/admin/settings", "/admin/settings",
                Map.of("accounts.deleted-member-posts", "shred"));
        assertEquals(400, bad.statusCode(), "an unknown deletion mode is refused");
        assertTrue(bad.body().contains("Choose whether to anonymise or remove their posts."));
    }
}
