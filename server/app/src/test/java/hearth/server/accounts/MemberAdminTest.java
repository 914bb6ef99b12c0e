package hearth.server.accounts;

import static hearth.server.accounts.TestAccounts.PASSWORD;
import static hearth.server.accounts.TestAccounts.assertFieldError;
import static hearth.server.accounts.TestAccounts.logIn;
import static hearth.server.accounts.TestAccounts.signUp;
import static hearth.server.testing.Sql.column;
import static hearth.server.testing.Sql.number;
import static hearth.server.testing.Sql.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.SecondNode;
import hearth.server.testing.TestSite;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /admin/members and its API: listing, roles, and the standing the moderation plugin will set. */
class MemberAdminTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static SecondNode node;
    static Browser warden;
    static long wardenId;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir.resolve("site"), "--no-demo");
        node = SecondNode.on(site.database(), dataDir.resolve("node"));
        warden = new Browser(site);
        signUp(warden, "Warden", "warden@example.org"); // the first account: the admin
        wardenId = id("warden");
    }

    @AfterAll
    static void stop() {
        node.close();
        site.close();
    }

    @Test
    void onlyAdminsGetIn() throws Exception {
        Browser pipit = new Browser(site);
        signUp(pipit, "Pipit", "pipit@example.org");

        HttpResponse<String> anonymous = new Browser(site).get("/admin/members");
        assertEquals(303, anonymous.statusCode());
        assertEquals("/login?next=%2Fadmin%2Fmembers", anonymous.headers().firstValue("location").orElseThrow());
        assertEquals(401, new Browser(site).json("GET", "/api/v1/admin/members", null).statusCode());

        HttpResponse<String> list = pipit.get("/admin/members");
        assertEquals(403, list.statusCode());
        assertTrue(list.body().contains("Only admins can manage members."), list.body());
        assertEquals(403, pipit.get("/admin/members/warden").statusCode());
        assertEquals(403, pipit.submit("/account/security", "/admin/members/pipit/role",
                Map.of("role", "admin", "reason", "Because I can")).statusCode());
        HttpResponse<String> api = pipit.json("GET", "/api/v1/admin/members", null);
        assertEquals(403, api.statusCode());
        assertEquals("Only admins can manage members.", new JsonObject(api.body()).getString("error"));
        assertEquals(403, pipit.json("PATCH", "/api/v1/admin/members/pipit",
                "{\"role\":\"admin\",\"reason\":\"Because I can\"}").statusCode());
        assertEquals("member", role("pipit"));
    }

    @Test
    void theListShowsMembersFindsThemByNameAndPages() throws Exception {
        node.transaction(tx -> {
            for (int i = 1; i <= 60; i++) {
                node.members().create(tx, String.format("Larch%02d", i), "larch" + i + "@example.org",
                        "Larch " + i, Members.Role.MEMBER);
            }
            node.members().create(tx, "zf1", "zf1@example.org", "Zinnia Flower", Members.Role.MODERATOR);
            return null;
        });
        Instant until = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        node.memberAdmin().setStatus(id("larch02"), MemberStatus.Kind.SUSPENDED, until, "Flooding the swap",
                wardenId).toCompletionStage().toCompletableFuture().join();

        HttpResponse<String> first = warden.get("/admin/members?q=LAR");
        assertEquals(200, first.statusCode());
        assertEquals(50, rows(first.body()).size());
        assertEquals("Larch01", rows(first.body()).getFirst());
        assertTrue(first.body().contains("60 members matching \"LAR\"."), first.body());
        assertTrue(first.body().contains("Page 1 of 2"));
        assertTrue(first.body().contains("href=\"/admin/members?q=LAR&amp;page=2\""), first.body());
        assertTrue(first.body().matches("(?s).*<td>Larch 2</td>\\s*<td>member</td>\\s*<td>suspended until <time[^>]*>"
                + "[^<]+ UTC</time>: Flooding the swap</td>.*"), first.body());
        HttpResponse<String> second = warden.get("/admin/members?q=LAR&page=2");
        assertEquals(10, rows(second.body()).size());
        assertEquals("Larch60", rows(second.body()).getLast());

        HttpResponse<String> byName = warden.get("/admin/members?q=zinnia");
        assertEquals(List.of("zf1"), rows(byName.body()));
        assertTrue(byName.body().contains("<td>moderator</td>"));
        assertEquals(List.of(), rows(warden.get("/admin/members?q=%25").body()), "% is a character, not a wildcard");
        assertEquals(400, warden.get("/admin/members?page=abc").statusCode());
        assertEquals(400, warden.get("/admin/members?page=0").statusCode());
        assertEquals(400, warden.get("/admin/members?q=" + "x".repeat(61)).statusCode());
        assertEquals(List.of(), rows(warden.get("/admin/members?q=lar&page=9").body()));

        HttpResponse<String> api = warden.json("GET", "/api/v1/admin/members?q=lar&page=1", null);
        assertEquals(200, api.statusCode());
        JsonObject json = new JsonObject(api.body());
        assertEquals(60, json.getInteger("total"));
        assertEquals(2, json.getInteger("pages"));
        assertEquals(50, json.getInteger("pageSize"));
        JsonObject larch02 = json.getJsonArray("members").getJsonObject(1);
        assertEquals("Larch02", larch02.getString("username"));
        assertEquals("suspended", larch02.getString("status"));
        assertEquals(until.toString(), larch02.getString("statusUntil"));
        assertEquals("Flooding the swap", larch02.getString("statusReason"));
        assertEquals("member", larch02.getString("role"));
        JsonObject page2 = new JsonObject(warden.json("GET", "/api/v1/admin/members?q=lar&page=2", null).body());
        assertEquals(10, page2.getJsonArray("members").size());
        HttpResponse<String> badPage = warden.json("GET", "/api/v1/admin/members?page=-1", null);
        assertEquals(400, badPage.statusCode());
        assertEquals("page", new JsonObject(badPage.body()).getString("field"));
    }

    @Test
    void aNewRoleTakesEffectAtOnceAndIsRecorded() throws Exception {
        Browser plover = new Browser(site);
        signUp(plover, "Plover", "plover@example.org");
        long id = id("plover");
        assertEquals(403, plover.get("/admin/members").statusCode()); // the session is now cached as a member

        HttpResponse<String> form = warden.get("/admin/members/plover");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("name=\"_csrf\""));
        assertTrue(form.body().contains("<option value=\"member\" selected>member</option>"), form.body());

        HttpResponse<String> promoted = warden.submit("/admin/members/plover", "/admin/members/plover/role",
                Map.of("role", "admin", "reason", "Runs the seed library"));
        assertEquals(303, promoted.statusCode(), promoted.body());
        assertEquals("/admin/members/Plover?changed=yes", promoted.headers().firstValue("location").orElseThrow());
        assertTrue(warden.get("/admin/members/Plover?changed=yes").body().contains("Role changed to admin."));
        assertEquals(200, plover.get("/admin/members").statusCode(), "the cached session sees the new role");
        assertEquals(List.of(new JsonObject().put("memberId", id).put("from", "member").put("to", "admin")
                .put("byMemberId", wardenId).put("reason", "Runs the seed library")), payloads("MemberRoleChanged", id));

        HttpResponse<String> demoted = warden.json("PATCH", "/api/v1/admin/members/Plover",
                "{\"role\":\"moderator\",\"reason\":\"Stepping back\"}");
        assertEquals(200, demoted.statusCode(), demoted.body());
        assertEquals("moderator", new JsonObject(demoted.body()).getString("role"));
        assertEquals(403, plover.get("/admin/members").statusCode(), "and at once again");
        assertEquals(403, plover.json("GET", "/api/v1/admin/members", null).statusCode());
        assertEquals("moderator", role("plover"));
    }

    @Test
    void badInputIsExplainedNextToTheFieldAndChangesNothing() throws Exception {
        signUp(new Browser(site), "Dunlin", "dunlin@example.org");
        String page = "/admin/members/dunlin";
        String action = "/admin/members/dunlin/role";

        HttpResponse<String> both = warden.submit(page, action, Map.of("role", "wizard", "reason", " "));
        assertFieldError(both, "role", "Choose member, moderator or admin.");
        assertFieldError(both, "reason", "Say why, for the record.");
        assertFieldError(warden.submit(page, action, Map.of("role", "admin", "reason", "x".repeat(501))), "reason",
                "Keep the reason under 500 characters.");
        HttpResponse<String> same = warden.submit(page, action, Map.of("role", "member", "reason", "No change"));
        assertFieldError(same, "role", "Dunlin is already a member.");
        assertTrue(same.body().contains("value=\"No change\""), "what was typed stays");
        assertFieldError(warden.submit(page, action, Map.of("reason", "No role given")), "role",
                "Choose member, moderator or admin.");
        assertEquals(404, warden.submit("/admin/members", "/admin/members/nobody-here/role",
                Map.of("role", "admin", "reason", "Who?")).statusCode());
        assertEquals(404, warden.get("/admin/members/nobody-here").statusCode());
        assertEquals(403, warden.post(action, Map.of("role", "admin", "reason", "No token")).statusCode());

        HttpResponse<String> apiRole = warden.json("PATCH", "/api/v1/admin/members/dunlin",
                "{\"role\":\"wizard\",\"reason\":\"x\"}");
        assertEquals(400, apiRole.statusCode());
        assertEquals("role", new JsonObject(apiRole.body()).getString("field"));
        HttpResponse<String> apiBody = warden.json("PATCH", "/api/v1/admin/members/dunlin", "role=admin");
        assertEquals(400, apiBody.statusCode());
        assertEquals("body", new JsonObject(apiBody.body()).getString("field"));
        assertEquals(400, warden.json("PATCH", "/api/v1/admin/members/dunlin", "{\"role\":7,\"reason\":[]}")
                .statusCode());
        assertEquals(404, warden.json("PATCH", "/api/v1/admin/members/nobody-here",
                "{\"role\":\"admin\",\"reason\":\"Who?\"}").statusCode());

        assertEquals("member", role("dunlin"));
        assertEquals(List.of(), payloads("MemberRoleChanged", id("dunlin")));
    }

    @Test
    void theLastAdminWhoCanLogInIsKept(@TempDir Path dir) throws Exception {
        try (TestSite own = TestSite.start(dir.resolve("site"), "--no-demo");
             SecondNode ownNode = SecondNode.on(own.database(), dir.resolve("node"))) {
            Browser founder = new Browser(own);
            signUp(founder, "Founder", "founder@example.org");
            Browser second = new Browser(own);
            signUp(second, "Second", "second@example.org");
            signUp(new Browser(own), "Third", "third@example.org");
            long founderId = number(own.database(), "SELECT id FROM members WHERE username_key = 'founder'");

            assertFieldError(founder.submit("/admin/members/founder", "/admin/members/founder/role",
                    Map.of("role", "member", "reason", "Retiring")), "role",
                    "Founder is the only admin. Make another member an admin first.");
            HttpResponse<String> api = founder.json("PATCH", "/api/v1/admin/members/founder",
                    "{\"role\":\"moderator\",\"reason\":\"Retiring\"}");
            assertEquals(400, api.statusCode());
            assertEquals("role", new JsonObject(api.body()).getString("field"));
            InvalidInput ban = assertThrows(InvalidInput.class, () -> ownNode.transaction(tx -> {
                ownNode.memberAdmin().setStatus(tx, founderId, MemberStatus.Kind.BANNED, null, "Oops", 0);
                return null;
            }));
            assertEquals("status", ban.field());

            // Another admin who is suspended does not count.
            assertEquals(303, founder.submit("/admin/members/third", "/admin/members/third/role",
                    Map.of("role", "admin", "reason", "Helping out")).statusCode());
            long third = number(own.database(), "SELECT id FROM members WHERE username_key = 'third'");
            ownNode.transaction(tx -> {
                ownNode.memberAdmin().setStatus(tx, third, MemberStatus.Kind.SUSPENDED,
                        Instant.now().plus(Duration.ofDays(1)), "Cooling off", founderId);
                return null;
            });
            assertFieldError(founder.submit("/admin/members/founder", "/admin/members/founder/role",
                    Map.of("role", "member", "reason", "Retiring")), "role",
                    "Founder is the only admin. Make another member an admin first.");

            assertEquals(303, founder.submit("/admin/members/second", "/admin/members/second/role",
                    Map.of("role", "admin", "reason", "Taking over")).statusCode());
            HttpResponse<String> stepDown = founder.submit("/admin/members/founder", "/admin/members/founder/role",
                    Map.of("role", "member", "reason", "Retiring"));
            assertEquals(303, stepDown.statusCode(), stepDown.body());
            assertEquals("/", stepDown.headers().firstValue("location").orElseThrow());
            assertEquals(403, founder.get("/admin/members").statusCode());
            assertEquals(200, second.get("/admin/members").statusCode());
        }
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin(@TempDir Path dir) throws Exception {
        try (TestSite own = TestSite.start(dir, "--no-demo")) {
            Browser ash = new Browser(own);
            signUp(ash, "Ash", "ash@example.org");
            Browser oak = new Browser(own);
            signUp(oak, "Oak", "oak@example.org");
            for (int round = 0; round < 5; round++) {
                assertEquals(200, ash.json("PATCH", "/api/v1/admin/members/oak",
                        "{\"role\":\"admin\",\"reason\":\"Round " + round + "\"}").statusCode());
                ash.get("/"); // both sessions cached as admins
                oak.get("/");
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                var byAsh = java.util.concurrent.CompletableFuture.supplyAsync(() -> demote(start, ash, "oak"));
                var byOak = java.util.concurrent.CompletableFuture.supplyAsync(() -> demote(start, oak, "ash"));
                List<Integer> statuses = java.util.stream.Stream.of(byAsh.join(), byOak.join()).sorted().toList();
                assertEquals(200, statuses.getFirst(), "one of them wins: " + statuses);
                assertTrue(statuses.getLast() == 400 || statuses.getLast() == 403, "the other is refused: " + statuses);
                assertEquals(1, number(own.database(), "SELECT COUNT(*) FROM members WHERE role = 'admin'"));
                if (role(own, "ash").equals("member")) {
                    assertEquals(200, oak.json("PATCH", "/api/v1/admin/members/ash",
                            "{\"role\":\"admin\",\"reason\":\"Back\"}").statusCode());
                    assertEquals(200, ash.json("PATCH", "/api/v1/admin/members/oak",
                            "{\"role\":\"member\",\"reason\":\"Reset\"}").statusCode());
                }
            }
        }
    }

    private static int demote(java.util.concurrent.CyclicBarrier start, Browser admin, String other) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return admin.json("PATCH", "/api/v1/admin/members/" + other, "{\"role\":\"member\",\"reason\":\"Mine\"}")
                .statusCode();
    }

    @Test
    void suspendingAndBanningEndSessionsAndShowOnTheAdminPage() throws Exception {
        Browser tern = new Browser(site);
        signUp(tern, "Tern", "tern@example.org");
        long id = id("tern");
        String token = tern.cookie(Sessions.COOKIE).orElseThrow().getValue();
        MemberAdmin standing = node.memberAdmin();

        Instant until = Instant.parse("2099-01-02T03:04:00Z");
        standing.setStatus(id, MemberStatus.Kind.SUSPENDED, until, "Flooding the swap", wardenId)
                .toCompletionStage().toCompletableFuture().join();
        assertEquals(List.of("suspended", "2099-01-02 03:04:00", "Flooding the swap"),
                row(site.database(), "SELECT status, status_until, status_reason FROM members WHERE id = " + id)
                        .stream().map(v -> v.replaceAll("\\.0+$", "")).toList());
        assertEquals(0, number(site.database(), "SELECT COUNT(*) FROM sessions WHERE member_id = " + id
                + " AND revoked_at IS NULL"));
        assertEquals(303, site.get("/account/security", "Cookie", Sessions.COOKIE + "=" + token).statusCode());
        assertFieldError(logIn(new Browser(site), "tern", PASSWORD), "identifier",
                "This account is suspended until 2 January 2099, 03:04 UTC: Flooding the swap.");
        assertTrue(warden.get("/admin/members/tern").body().contains("suspended until <time datetime=\""
                + "2099-01-02T03:04:00Z\">2 Jan 2099 03:04 UTC</time>: Flooding the swap"));
        JsonObject json = new JsonObject(warden.json("GET", "/api/v1/admin/members/tern", null).body());
        assertEquals("suspended", json.getString("status"));
        assertEquals("2099-01-02T03:04:00Z", json.getString("statusUntil"));
        assertEquals(List.of(new JsonObject().put("memberId", id).put("from", "active").put("to", "suspended")
                .put("until", "2099-01-02T03:04:00Z").put("reason", "Flooding the swap").put("byMemberId", wardenId)),
                payloads("MemberStatusChanged", id));

        standing.setStatus(id, MemberStatus.Kind.ACTIVE, null, "ignored for active", wardenId)
                .toCompletionStage().toCompletableFuture().join();
        Browser back = new Browser(site);
        assertEquals(303, logIn(back, "tern", PASSWORD).statusCode());
        assertEquals(java.util.Arrays.asList("active", null), row(site.database(),
                "SELECT status, status_reason FROM members WHERE id = " + id));

        standing.setStatus(id, MemberStatus.Kind.SILENCED, null, "Cooling off", wardenId)
                .toCompletionStage().toCompletableFuture().join();
        assertEquals(200, back.get("/account/security").statusCode(), "a silence keeps the member logged in");

        standing.setStatus(id, MemberStatus.Kind.BANNED, null, "Spam", 0).toCompletionStage().toCompletableFuture()
                .join();
        assertFieldError(logIn(new Browser(site), "tern", PASSWORD), "identifier",
                "This account has been banned: Spam.");
        assertTrue(warden.get("/admin/members?q=tern").body().contains("<td>banned: Spam</td>"));
    }

    @Test
    void badStandingChangesAreRefusedWholesale() throws Exception {
        signUp(new Browser(site), "Knot", "knot@example.org");
        long id = id("knot");
        MemberAdmin standing = node.memberAdmin();
        assertEquals("until", refused(tx -> standing.setStatus(tx, id, MemberStatus.Kind.SUSPENDED,
                Instant.now().minusSeconds(60), "Late", wardenId)).field());
        assertEquals("until", refused(tx -> standing.setStatus(tx, id, MemberStatus.Kind.BANNED,
                Instant.now().plusSeconds(3600), "Bans do not end", wardenId)).field());
        assertEquals("reason", refused(tx -> standing.setStatus(tx, id, MemberStatus.Kind.SILENCED, null,
                "x".repeat(501), wardenId)).field());
        assertThrows(NotFound.class, () -> node.transaction(tx -> {
            standing.setStatus(tx, 987_654, MemberStatus.Kind.BANNED, null, "Nobody", wardenId);
            return null;
        }));
        assertEquals(java.util.Arrays.asList("active", null, null), row(site.database(),
                "SELECT status, status_until, status_reason FROM members WHERE id = " + id));
        assertEquals(List.of(), payloads("MemberStatusChanged", id));
    }

    // --- helpers ---

    private static InvalidInput refused(java.util.function.Consumer<hearth.server.db.Tx> change) {
        return assertThrows(InvalidInput.class, () -> node.transaction(tx -> {
            change.accept(tx);
            return null;
        }));
    }

    private static final Pattern ROW = Pattern.compile("<td><a href=\"/admin/members/([^\"]+)\">");

    private static List<String> rows(String page) {
        Matcher m = ROW.matcher(page);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The journal's events of a type about one member, oldest first. */
    static List<JsonObject> payloads(String type, long memberId) throws Exception {
        return column(site.database(), "SELECT payload FROM journal WHERE event_type = '" + type + "' ORDER BY position")
                .stream().map(JsonObject::new).filter(e -> e.getLong("memberId") == memberId).toList();
    }

    private static long id(String usernameKey) {
        try {
            return number(site.database(), "SELECT id FROM members WHERE username_key = '" + usernameKey + "'");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String role(String usernameKey) throws Exception {
        return role(site, usernameKey);
    }

    private static String role(TestSite on, String usernameKey) throws Exception {
        return row(on.database(), "SELECT role FROM members WHERE username_key = '" + usernameKey + "'").getFirst();
    }
}
