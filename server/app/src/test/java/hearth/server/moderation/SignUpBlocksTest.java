package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-up block lists over HTTP: admins list IP ranges and email domains (with field errors for bad entries), and a
 * sign-up from a listed address or domain is refused with a neutral message and no account; with "approve sign-ups"
 * on, a sign-up creates an account waiting for approval.
 */
class SignUpBlocksTest {

    static final String LISTS = "/x/moderation/blocklists";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = Members.signUp(site, "Founder");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void badEntriesAreRefusedNextToTheirField() {
        HttpResponse<String> host = admin.submit(LISTS, LISTS, Map.of("kind", "ip", "value", "example.com"));
        assertEquals(400, host.statusCode());
        assertTrue(host.body().contains("id=\"value-error\" role=\"alert\">Enter an IPv4 or IPv6 address"),
                host.body());
        HttpResponse<String> prefix = admin.submit(LISTS, LISTS, Map.of("kind", "ip", "value", "10.0.0.0/40"));
        assertTrue(prefix.body().contains("The range&#39;s prefix must be a number from 0 to 32."), prefix.body());
        HttpResponse<String> domain = admin.submit(LISTS, LISTS, Map.of("kind", "domain", "value", "not a domain"));
        assertTrue(domain.body().contains("Enter a domain such as example.com"), domain.body());
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_sign_up_blocks"
                + " WHERE blocked_value NOT IN ('spam.example', '127.0.0.0/8')"), "nothing saved");
        Browser member = Members.signUp(site, "Plain");
        assertEquals(403, member.get(LISTS).statusCode());
    }

    @Test
    void blockedAddressesAndDomainsCannotSignUp() {
        assertEquals(303, admin.submit(LISTS, LISTS, Map.of("kind", "domain", "value", "@Spam.Example"))
                .statusCode());
        assertTrue(admin.get(LISTS).body().contains("<code>spam.example</code>"));
        assertRefused("Subdomainer", "bot@mail.spam.example");
        assertRefused("Exacter", "bot@spam.example");
        Members.signUp(site, "Elsewhere"); // elsewhere@example.org is fine

        assertEquals(303, admin.submit(LISTS, LISTS, Map.of("kind", "ip", "value", "127.0.0.1/8")).statusCode());
        assertTrue(admin.get(LISTS).body().contains("<code>127.0.0.0/8</code>"), "stored as the range");
        try {
            assertRefused("Localer", "localer@example.org");
        } finally {
            long id = Long.parseLong(Sql.value(site.database(),
                    "SELECT id FROM moderation_sign_up_blocks WHERE kind = 'ip'"));
            assertEquals(303, admin.submit(LISTS, LISTS + "/" + id + "/delete", Map.of()).statusCode());
        }
        Members.signUp(site, "Localer");
        assertEquals("2", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit"
                + " WHERE action = 'sign-up-block.add'"));
        assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM moderation_audit"
                + " WHERE action = 'sign-up-block.remove'"));
    }

    @Test
    void withApprovalOnASignUpWaitsForAModerator() {
        HttpResponse<String> on = admin.json("PUT", "/api/v1/admin/plugins/moderation/settings",
                "{\"approve-sign-ups\": true}");
        assertEquals(200, on.statusCode(), on.body());
        try {
            Browser waiting = new Browser(site);
            waiting.submit("/signup", "/signup", Map.of("username", "Patience", "email", "patience@example.org",
                    "password", Members.PASSWORD, "terms", "yes"));
            assertEquals("pending", Sql.value(site.database(),
                    "SELECT LOWER(status) FROM members WHERE username_key = 'patience'"));
        } finally {
            admin.json("PUT", "/api/v1/admin/plugins/moderation/settings", "{\"approve-sign-ups\": false}");
        }
    }

    private static void assertRefused(String username, String email) {
        HttpResponse<String> refused = new Browser(site).submit("/signup", "/signup", Map.of("username", username,
                "email", email, "password", Members.PASSWORD, "terms", "yes"));
        assertEquals(400, refused.statusCode(), email);
        assertTrue(refused.body().contains("Sign-ups from this address are not accepted."), refused.body());
        assertEquals("0", Sql.value(site.database(), "SELECT COUNT(*) FROM members WHERE username_key = ?",
                username.toLowerCase(java.util.Locale.ROOT)));
    }
}
