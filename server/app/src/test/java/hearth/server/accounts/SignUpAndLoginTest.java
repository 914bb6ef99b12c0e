package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-up, login, logout and sessions over HTTP, as a browser does them. */
class SignUpAndLoginTest {

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static Map<String, String> signUpForm(String username, String email, String password) {
        return Map.of("username", username, "email", email, "password", password, "terms", "yes");
    }

    private static HttpResponse<String> signUp(Browser browser, String username, String email, String password) {
        return browser.submit("/signup", "/signup", signUpForm(username, email, password));
    }

    private static HttpResponse<String> logIn(Browser browser, String identifier, String password, boolean remember) {
        return browser.submit("/login", "/login", remember
                ? Map.of("identifier", identifier, "password", password, "remember", "yes")
                : Map.of("identifier", identifier, "password", password));
    }

    @Test
    void signingUpLogsYouInWithAHardenedSessionCookie() {
        Browser browser = new Browser(site);
        HttpResponse<String> response = signUp(browser, "Fern_Gully", "fern@example.org", "compost-heap-42");
        assertEquals(303, response.statusCode(), response.body());
        String setCookie = response.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("; httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertFalse(setCookie.contains("Max-Age"), "not remembered: a browser-session cookie");
        assertTrue(browser.get("/").body().contains("Fern_Gully"), "the nav shows who is logged in");
    }

    @Test
    void everyBadFieldGetsItsOwnMessageAndNothingIsCreated() throws Exception {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/signup", "/signup",
                Map.of("username", "ad", "email", "not-an-email", "password", "short"));
        assertEquals(400, response.statusCode());
        String page = response.body();
        assertTrue(page.contains("id=\"username-error\" role=\"alert\">Usernames are 3 to 20 characters long."), page);
        assertTrue(page.contains("id=\"email-error\" role=\"alert\">Enter an email address like name@example.org."));
        assertTrue(page.contains("id=\"password-error\""), page);
        assertTrue(page.contains("id=\"terms-error\" role=\"alert\">Please accept the terms to join."));
        assertTrue(page.contains("value=\"not-an-email\""), "what the person typed is kept");
        assertFalse(page.contains("value=\"short\""), "but never the password");
        assertEquals(0, count("SELECT COUNT(*) FROM members WHERE email_key = 'not-an-email'"));
    }

    @Test
    void usernameRules() {
        Browser browser = new Browser(site);
        assertFieldError(signUp(browser, "Admin", "a1@example.org", "compost-heap-42"), "username",
                "That username is reserved. Please choose another.");
        assertFieldError(signUp(browser, "bad name!", "a2@example.org", "compost-heap-42"), "username",
                "Use letters, digits and _ - . only, starting and ending with a letter or digit.");
        assertFieldError(signUp(browser, "twentyonecharacters12", "a3@example.org", "compost-heap-42"), "username",
                "Usernames are 3 to 20 characters long.");
        assertEquals(303, signUp(new Browser(site), "Rowan.Ash", "rowan@example.org", "compost-heap-42").statusCode());
        assertFieldError(signUp(new Browser(site), "rowan.ash", "rowan2@example.org", "compost-heap-42"), "username",
                "That username is taken. Please choose another.");
        assertFieldError(signUp(new Browser(site), "rowan_two", "ROWAN@example.org", "compost-heap-42"), "email",
                "An account with that email already exists. Log in, or reset its password.");
    }

    @Test
    void passwordRules() {
        Browser browser = new Browser(site);
        assertTrue(signUp(browser, "pw_short", "pw1@example.org", "abc12345").body().contains("id=\"password-error\""));
        assertTrue(signUp(browser, "pw_common", "pw2@example.org", "password123").body()
                .contains("id=\"password-error\""));
    }

    @Test
    void logInByUsernameOrEmailRememberMeAndLogOutRevokesServerSide() {
        signUp(new Browser(site), "Hazel", "hazel@example.org", "compost-heap-42");

        Browser byEmail = new Browser(site);
        HttpResponse<String> remembered = logIn(byEmail, "HAZEL@example.org", "compost-heap-42", true);
        assertEquals(303, remembered.statusCode(), remembered.body());
        String cookie = remembered.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("Max-Age=2592000"), cookie);

        Browser byName = new Browser(site);
        assertEquals(303, logIn(byName, "hazel", "compost-heap-42", false).statusCode());
        String token = byName.cookie(Sessions.COOKIE).orElseThrow().getValue();

        assertEquals(303, byName.submit("/", "/logout", Map.of()).statusCode());
        assertFalse(byName.get("/").body().contains(">Hazel<"));
        // The old token is dead on the server, not just forgotten by the browser.
        assertEquals(303, replayWithToken(token).statusCode(), "a revoked session is sent to the login page");
        assertTrue(byEmail.get("/").body().contains("Hazel"), "the other session lives on");
    }

    private HttpResponse<String> replayWithToken(String token) {
        return site.get("/account/security", "Cookie", Sessions.COOKIE + "=" + token);
    }

    @Test
    void wrongPasswordsAreThrottledPerAccount() {
        signUp(new Browser(site), "Bramble", "bramble@example.org", "compost-heap-42");
        Browser guesser = new Browser(site);
        for (int i = 0; i < LoginThrottle.ACCOUNT_LIMIT; i++) {
            HttpResponse<String> wrong = logIn(guesser, "bramble", "wrong-password-" + i, false);
            assertFieldError(wrong, "password", "That username or email and password do not match.");
        }
        HttpResponse<String> blocked = logIn(guesser, "bramble", "compost-heap-42", false);
        assertEquals(400, blocked.statusCode());
        assertTrue(blocked.body().contains("Too many failed attempts. Try again in 15 minutes."), blocked.body());
        assertTrue(new Browser(site).get("/").body().contains("Log in"));
    }

    @Test
    void unknownAccountsGetTheSameAnswerAsWrongPasswords() {
        assertFieldError(logIn(new Browser(site), "nobody-here", "whatever-it-is", false), "password",
                "That username or email and password do not match.");
    }

    @Test
    void suspendedMembersAreToldUntilWhenAndWhy() throws Exception {
        signUp(new Browser(site), "Thistle", "thistle@example.org", "compost-heap-42");
        Browser stillLoggedIn = new Browser(site);
        logIn(stillLoggedIn, "thistle", "compost-heap-42", false);
        execute("UPDATE members SET status = 'suspended', status_until = '2099-01-02 03:04:00', "
                + "status_reason = 'spamming the seed swap' WHERE username_key = 'thistle'");
        HttpResponse<String> refused = logIn(new Browser(site), "thistle", "compost-heap-42", false);
        assertFieldError(refused, "identifier",
                "This account is suspended until 2 January 2099, 03:04 UTC: spamming the seed swap.");
    }

    @Test
    void securityPageListsSessionsAndEndsThem() {
        signUp(new Browser(site), "Sorrel", "sorrel@example.org", "compost-heap-42");
        Browser laptop = new Browser(site);
        Browser phone = new Browser(site, "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/140.0 Mobile");
        logIn(laptop, "sorrel", "compost-heap-42", false);
        logIn(phone, "sorrel", "compost-heap-42", false);

        String page = laptop.get("/account/security").body();
        assertTrue(page.contains("Firefox on Linux <strong>(this device)</strong>"), page);
        assertTrue(page.contains("Chrome on Android"), page);

        String phoneSession = page.replaceAll("(?s).*Chrome on Android.*?/account/sessions/(\\d+)/revoke.*", "$1");
        assertEquals(303, laptop.submit("/account/security", "/account/sessions/" + phoneSession + "/revoke",
                Map.of()).statusCode());
        assertEquals(303, phone.get("/account/security").statusCode(), "the phone was logged out");
        assertEquals(200, laptop.get("/account/security").statusCode());

        assertEquals(303, laptop.submit("/account/security", "/account/sessions/revoke-all", Map.of()).statusCode());
        assertEquals(303, laptop.get("/account/security").statusCode(), "log out everywhere includes this device");
    }

    @Test
    void formsWithoutTheTokenAreRefused() {
        Browser browser = new Browser(site);
        browser.get("/signup");
        HttpResponse<String> forged = browser.post("/signup", signUpForm("Forger", "forger@example.org",
                "compost-heap-42"));
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("This form has expired or came from another site."), forged.body());
        HttpResponse<String> wrongToken = browser.post("/login", Map.of("identifier", "x", "password", "y",
                "_csrf", "a".repeat(43)));
        assertEquals(403, wrongToken.statusCode());
    }

    @Test
    void loginSendsYouBackWhereYouWereButNeverOffSite() {
        signUp(new Browser(site), "Yarrow", "yarrow@example.org", "compost-heap-42");
        Browser browser = new Browser(site);
        HttpResponse<String> needsLogin = browser.get("/account/security");
        assertEquals(303, needsLogin.statusCode());
        assertEquals("/login?next=%2Faccount%2Fsecurity", needsLogin.headers().firstValue("location").orElseThrow());
        HttpResponse<String> back = browser.submit("/login?next=%2Faccount%2Fsecurity", "/login",
                Map.of("identifier", "yarrow", "password", "compost-heap-42", "next", "/account/security"));
        assertEquals("/account/security", back.headers().firstValue("location").orElseThrow());
        HttpResponse<String> offSite = new Browser(site).submit("/login", "/login",
                Map.of("identifier", "yarrow", "password", "compost-heap-42", "next", "//evil.example/"));
        assertEquals("/", offSite.headers().firstValue("location").orElseThrow());
    }

    @Test
    void theFirstAccountOfASiteWithoutAnAdminBecomesAdmin(@TempDir Path fresh) throws Exception {
        try (TestSite empty = TestSite.start(fresh, "--no-demo")) {
            new Browser(empty).submit("/signup", "/signup", signUpForm("Founder", "founder@example.org",
                    "compost-heap-42"));
            new Browser(empty).submit("/signup", "/signup", signUpForm("Second", "second@example.org",
                    "compost-heap-42"));
            try (Connection c = empty.database().connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT username, role FROM members ORDER BY id")) {
                rs.next();
                assertEquals(List.of("Founder", "admin"), List.of(rs.getString(1), rs.getString(2)));
                rs.next();
                assertEquals(List.of("Second", "member"), List.of(rs.getString(1), rs.getString(2)));
            }
        }
    }

    @Test
    void cookiesAreSecureWhenTheSiteIsServedOverHttps(@TempDir Path httpsSite) {
        try (TestSite secure = TestSite.start(httpsSite, "--no-demo", "--base-url", "https://forum.example.org")) {
            String csrfCookie = secure.get("/signup").headers().allValues("set-cookie").stream()
                    .filter(c -> c.startsWith("hearth_csrf=")).findFirst().orElseThrow();
            assertTrue(csrfCookie.toLowerCase().contains("; secure"), csrfCookie);
        }
        String plain = site.get("/signup").headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("hearth_csrf=")).findFirst().orElseThrow();
        assertFalse(plain.toLowerCase().contains("; secure"), "plain http sites cannot use Secure cookies");
    }

    private static void assertFieldError(HttpResponse<String> response, String field, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("id=\"" + field + "-error\" role=\"alert\">" + message), response.body());
    }

    private static long count(String sql) throws Exception {
        try (Connection c = site.database().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = site.database().connect(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
