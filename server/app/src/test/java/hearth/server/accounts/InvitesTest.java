package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invite-only sign-up over HTTP: links, caps, revocation, and the first account of a new site. */
class InvitesTest {

    @TempDir
    Path dataDir;

    private static HttpResponse<String> signUp(Browser browser, String page, String username, String invite) {
        Map<String, String> form = new HashMap<>(Map.of("username", username, "email", username + "@example.org",
                "password", "compost-heap-42", "terms", "yes"));
        if (invite != null) {
            form.put("invite", invite);
        }
        return browser.submit(page, "/signup", form);
    }

    private static String createInvite(Browser admin, String maxUses) {
        HttpResponse<String> created = admin.submit("/admin/invites", "/admin/invites",
                Map.of("note", "for the seed swap crowd", "days", "7", "maxUses", maxUses));
        assertEquals(200, created.statusCode(), created.body());
        Matcher m = Pattern.compile("/invite/([A-Za-z0-9_-]{43})</code>").matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }

    @Test
    void inviteOnlySitesNeedALinkThatHonoursItsCap() {
        try (TestSite site = TestSite.start(dataDir, "--no-demo")) {
            Browser admin = new Browser(site);
            assertEquals(303, signUp(admin, "/signup", "founder", null).statusCode(),
                    "the first account never needs an invite");
            assertEquals(303, admin.submit("/admin/settings", "/admin/settings", Map.of("accounts.invite-only", "on",
                    "accounts.deleted-member-posts", "anonymise")).statusCode());

            Browser stranger = new Browser(site);
            assertTrue(stranger.get("/signup").body().contains("This community is invite-only."));
            HttpResponse<String> forced = signUp(stranger, "/login", "stranger", null);
            assertEquals(400, forced.statusCode());
            assertTrue(forced.body().contains("id=\"invite-error\" role=\"alert\">This community is invite-only."));

            String code = createInvite(admin, "2");
            String link = "/invite/" + code;
            assertTrue(new Browser(site).get(link).body().contains("name=\"invite\" value=\"" + code + "\""));
            assertEquals(303, signUp(new Browser(site), link, "first_guest", code).statusCode());
            assertEquals(303, signUp(new Browser(site), link, "second_guest", code).statusCode());
            assertEquals(400, new Browser(site).get(link).statusCode(), "used up");
            HttpResponse<String> third = signUp(new Browser(site), "/login", "third_guest", code);
            assertEquals(400, third.statusCode());
            assertTrue(third.body().contains("This invite link has expired or has been used up."));

            String revoked = createInvite(admin, "5");
            String list = admin.get("/admin/invites").body();
            String id = list.replaceAll("(?s).*/admin/invites/(\\d+)/revoke.*", "$1");
            assertEquals(303, admin.submit("/admin/invites", "/admin/invites/" + id + "/revoke", Map.of())
                    .statusCode());
            assertEquals(400, signUp(new Browser(site), "/login", "late_guest", revoked).statusCode());

            assertTrue(admin.get("/admin/invites").body().contains("2 of 2"));
        }
    }

    @Test
    void invitesAreForAdminsAndValidated() {
        try (TestSite site = TestSite.start(dataDir, "--no-demo")) {
            Browser admin = new Browser(site);
            signUp(admin, "/signup", "founder", null);
            Browser member = new Browser(site);
            signUp(member, "/signup", "member", null);
            assertEquals(403, member.get("/admin/invites").statusCode());
            assertEquals(403, member.submit("/account/security", "/admin/invites",
                    Map.of("days", "7", "maxUses", "1")).statusCode());
            HttpResponse<String> bad = admin.submit("/admin/invites", "/admin/invites",
                    Map.of("days", "400", "maxUses", "many"));
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("Invites last between 1 and 90 days."));
            assertTrue(bad.body().contains("An invite can be used between 1 and 1000 times."));
            assertEquals(400, new Browser(site).get("/invite/not-a-code").statusCode());
        }
    }
}
