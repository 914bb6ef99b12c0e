package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Email confirmation, forgotten and changed passwords, and the outbox, end to end over HTTP. */
class RecoveryTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @RegisterExtension
    final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo", "--base-url", "http://forum.example.org");
        admin = new Browser(site);
        signUp(admin, "Gardener", "gardener@example.org"); // the first account: the admin
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static HttpResponse<String> signUp(Browser browser, String username, String email) {
        return browser.submit("/signup", "/signup", Map.of("username", username, "email", email,
                "password", "compost-heap-42", "terms", "yes"));
    }

    /** The newest mail to {@code to} in the outbox, as a link path on the site. */
    private static String linkMailedTo(String to, String pathPrefix) throws Exception {
        try (Connection c = site.database().connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT body_text FROM mail_outbox WHERE to_address = ? ORDER BY id DESC")) {
            st.setString(1, to);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), "a mail to " + to);
                Matcher m = Pattern.compile("http://forum\\.example\\.org(" + pathPrefix + "[A-Za-z0-9_-]+)")
                        .matcher(rs.getString(1));
                assertTrue(m.find(), rs.getString(1));
                return m.group(1);
            }
        }
    }

    @Test
    void signingUpMailsAConfirmationLinkThatWorksOnce() throws Exception {
        Browser member = new Browser(site);
        HttpResponse<String> created = signUp(member, "Clover", "clover@example.org");
        assertEquals("/account/welcome", created.headers().firstValue("location").orElseThrow());
        assertTrue(member.get("/account/security").body().contains("Your email address is not confirmed yet"));

        String link = linkMailedTo("clover@example.org", "/account/verify/");
        HttpResponse<String> confirmed = member.get(link);
        assertEquals(200, confirmed.statusCode());
        assertTrue(confirmed.body().contains("your email address is confirmed"), confirmed.body());
        assertFalse(member.get("/account/security").body().contains("not confirmed yet"),
                "the session sees the change at once");

        HttpResponse<String> again = member.get(link);
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("This link does not work any more"));
        assertEquals(400, member.get("/account/verify/not-a-real-token").statusCode());
    }

    @Test
    void forgottenPasswordsAreResetByAOneTimeLinkThatEndsEverySession() throws Exception {
        signUp(new Browser(site), "Fennel", "fennel@example.org");
        Browser elsewhere = new Browser(site);
        elsewhere.submit("/login", "/login", Map.of("identifier", "fennel", "password", "compost-heap-42"));

        Browser forgetful = new Browser(site);
        HttpResponse<String> asked = forgetful.submit("/password/forgot", "/password/forgot",
                Map.of("email", "FENNEL@example.org"));
        assertEquals(200, asked.statusCode());
        assertTrue(asked.body().contains("If an account uses FENNEL@example.org, we have sent it a link"));
        HttpResponse<String> stranger = new Browser(site).submit("/password/forgot", "/password/forgot",
                Map.of("email", "nobody@example.org"));
        assertTrue(stranger.body().contains("If an account uses nobody@example.org"), "same answer for strangers");

        String link = linkMailedTo("fennel@example.org", "/password/reset/");
        assertEquals(200, forgetful.get(link).statusCode());
        HttpResponse<String> weak = forgetful.submit(link, link, Map.of("password", "short"));
        assertEquals(400, weak.statusCode());
        assertTrue(weak.body().contains("id=\"password-error\""), weak.body());

        HttpResponse<String> done = forgetful.submit(link, link, Map.of("password", "a-brand-new-secret-7"));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("every session has been logged out"));
        assertEquals(303, elsewhere.get("/account/security").statusCode(), "the other session ended");
        assertEquals(400, forgetful.get(link).statusCode(), "the link works once");

        assertEquals(400, new Browser(site).submit("/login", "/login",
                Map.of("identifier", "fennel", "password", "compost-heap-42")).statusCode(), "old password is dead");
        assertEquals(303, new Browser(site).submit("/login", "/login",
                Map.of("identifier", "fennel", "password", "a-brand-new-secret-7")).statusCode());
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        Browser here = new Browser(site);
        signUp(here, "Chicory", "chicory@example.org");
        Browser there = new Browser(site);
        there.submit("/login", "/login", Map.of("identifier", "chicory", "password", "compost-heap-42"));

        HttpResponse<String> wrong = here.submit("/account/password", "/account/password",
                Map.of("current", "not-my-password", "password", "another-fine-secret-9"));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("id=\"current-error\" role=\"alert\">That is not your current password."));

        HttpResponse<String> changed = here.submit("/account/password", "/account/password",
                Map.of("current", "compost-heap-42", "password", "another-fine-secret-9"));
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(200, here.get("/account/security").statusCode(), "this session stays");
        assertEquals(303, there.get("/account/security").statusCode(), "the other one ended");
    }

    @Test
    void onlyAdminsReadTheOutbox() {
        assertEquals(303, new Browser(site).get("/admin/mail").statusCode());
        Browser member = new Browser(site);
        signUp(member, "Borage", "borage@example.org");
        assertEquals(403, member.get("/admin/mail").statusCode());
        HttpResponse<String> outbox = admin.get("/admin/mail");
        assertEquals(200, outbox.statusCode());
        assertTrue(outbox.body().contains("No SMTP server is configured"));
        assertTrue(outbox.body().contains("To borage@example.org"), outbox.body());
        assertTrue(outbox.body().contains("Confirm your email address"));
    }

    @Test
    void withSmtpTheConfirmationMailIsDelivered(@TempDir Path smtpSite) throws Exception {
        try (TestSite mailing = TestSite.start(smtpSite, "--no-demo", "--smtp-host", "127.0.0.1",
                "--smtp-port", String.valueOf(smtp.getSmtp().getPort()), "--smtp-security", "none",
                "--smtp-from", "hearth@example.org")) {
            signUp(new Browser(mailing), "Lovage", "lovage@example.org");
            assertTrue(smtp.waitForIncomingEmail(10_000, 1), "delivered within 10 s");
            MimeMessage message = smtp.getReceivedMessages()[0];
            assertEquals("Confirm your email address", message.getSubject());
            assertEquals("lovage@example.org", message.getAllRecipients()[0].toString());
            assertEquals("hearth@example.org", message.getFrom()[0].toString());
            assertTrue(GreenMailUtil.getBody(message).contains("/account/verify/"));
        }
    }
}
