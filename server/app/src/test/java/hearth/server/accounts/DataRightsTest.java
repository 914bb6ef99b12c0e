package hearth.server.accounts;

import static hearth.server.accounts.TestAccounts.PASSWORD;
import static hearth.server.accounts.TestAccounts.assertFieldError;
import static hearth.server.accounts.TestAccounts.logIn;
import static hearth.server.accounts.TestAccounts.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.SecondNode;
import hearth.server.testing.Sql;
import hearth.server.testing.TestDatabase;
import hearth.server.testing.TestSite;
import hearth.server.testing.TextScan;
import hearth.api.errors.NotFound;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloading your data and deleting your account, over HTTP, with the database checked afterwards. */
class DataRightsTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static SecondNode node;
    static long category;
    static long rook;
    static Browser keeper;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir.resolve("site"), "--no-demo");
        node = SecondNode.on(site.database(), dataDir.resolve("node"));
        category = node.transaction(tx -> node.discussions().createCategory(tx, "Garden", "", "#5b6ee1", 0));
        keeper = new Browser(site);
        signUp(keeper, "Keeper", "keeper@example.org"); // the first account: the admin
        signUp(new Browser(site), "Rook", "rook@example.org");
        rook = memberId(site, "rook");
    }

    @AfterAll
    static void stop() {
        node.close();
        site.close();
    }

    @Test
    void theExportHoldsTheMembersDataAndNoSecrets() throws Exception {
        Browser wren = new Browser(site);
        signUp(wren, "Wren", "wren@example.org");
        long id = memberId(site, "wren");
        long topic = topic(node, id, "Seed swap in spring", "Bring **seeds** and labels.");
        reply(node, rook, topic, "Words of somebody else.");
        reply(node, id, topic, "And envelopes.");
        assertEquals(201, keeper.json("POST", "/api/v1/admin/api-keys",
                "{\"name\":\"Seed catalogue\",\"user\":\"wren\",\"scope\":\"read\"}").statusCode());
        execute("UPDATE members SET totp_secret = 'KRSXG5CTMVRXEZLU', location = 'Hedgerow Lane' WHERE id = " + id);
        long field = addProfileField("Favourite seed");
        execute("INSERT INTO profile_field_values (member_id, field_id, field_value, updated_at) VALUES (" + id + ", "
                + field + ", 'Borlotti', CURRENT_TIMESTAMP)");
        execute("INSERT INTO member_email_preferences (member_id, kind, frequency, updated_at) VALUES (" + id
                + ", 'replies', 'weekly', CURRENT_TIMESTAMP)");
        execute("INSERT INTO member_ignores (member_id, ignored_id, created_at) VALUES (" + id + ", " + rook
                + ", CURRENT_TIMESTAMP)");

        HttpResponse<String> page = wren.get("/account/data");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("href=\"/account/data/export\""), page.body());
        assertTrue(page.body().contains("your posts stay"), "explains the site's deletion setting");

        HttpResponse<String> download = wren.get("/account/data/export");
        assertEquals(200, download.statusCode());
        assertTrue(download.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        String disposition = download.headers().firstValue("content-disposition").orElseThrow();
        assertTrue(disposition.matches("attachment; filename=\"hearth-data-Wren-\\d{4}-\\d{2}-\\d{2}\\.json\""),
                disposition);
        JsonObject data = new JsonObject(download.body());
        assertEquals("hearth-member-data", data.getString("format"));
        JsonObject profile = data.getJsonObject("profile");
        assertEquals(id, profile.getLong("id"));
        assertEquals("Wren", profile.getString("username"));
        assertEquals("wren@example.org", profile.getString("email"));
        assertEquals("member", profile.getString("role"));
        assertEquals("active", profile.getString("status"));
        assertNotNull(profile.getString("createdAt"));
        assertEquals("Hedgerow Lane", profile.getString("location"));
        assertFalse(profile.containsKey("passwordHash"));
        assertFalse(profile.containsKey("totpSecret"));
        JsonObject answer = data.getJsonArray("profileFields").getJsonObject(0);
        assertEquals(List.of("Favourite seed", "Borlotti"), List.of(answer.getString("label"),
                answer.getString("value")));
        assertEquals(new JsonObject().put("replies", "weekly"), data.getJsonObject("emailPreferences"));
        assertEquals("Rook", data.getJsonArray("ignoring").getJsonObject(0).getString("username"));
        assertFalse(profile.containsKey("emailKey"));
        assertFalse(download.body().contains("argon2"), "no password hash anywhere");
        String token = wren.cookie(Sessions.COOKIE).orElseThrow().getValue();
        assertFalse(download.body().contains(Tokens.hash(token)), "no session token hash anywhere");
        assertFalse(download.body().contains("KRSXG5CTMVRXEZLU"), "no two-factor secret");
        JsonObject key = data.getJsonArray("apiKeys").getJsonObject(0);
        assertEquals("Seed catalogue", key.getString("name"));
        assertEquals("read", key.getString("scope"));
        assertFalse(key.containsKey("tokenHash"));

        JsonArray topics = data.getJsonArray("topics");
        assertEquals(1, topics.size());
        assertEquals("Seed swap in spring", topics.getJsonObject(0).getString("title"));
        assertEquals("Garden", topics.getJsonObject(0).getString("category"));
        JsonArray posts = data.getJsonArray("posts");
        assertEquals(List.of("Bring **seeds** and labels.", "And envelopes."),
                posts.stream().map(p -> ((JsonObject) p).getString("bodyMarkdown")).toList());
        assertEquals(3, posts.getJsonObject(1).getInteger("postNumber"));
        assertFalse(download.body().contains("somebody else"), "other people's posts are theirs");

        JsonObject session = data.getJsonArray("sessions").getJsonObject(0);
        assertEquals("127.0.0.1", session.getString("ip"));
        assertEquals("Firefox on Linux", session.getString("device"));
        assertFalse(session.containsKey("tokenHash"));
        assertEquals(new JsonArray(), data.getJsonArray("rsvps"));
        assertEquals(new JsonArray(), data.getJsonArray("notifications"));

        HttpResponse<String> api = wren.json("GET", "/api/v1/me/export", null);
        assertEquals(200, api.statusCode());
        assertTrue(api.headers().firstValue("content-disposition").orElseThrow().startsWith("attachment;"));
        JsonObject viaApi = new JsonObject(api.body());
        assertEquals(data.getJsonObject("profile"), viaApi.getJsonObject("profile"));
        assertEquals(data.getJsonArray("posts"), viaApi.getJsonArray("posts"));
    }

    @Test
    void strangersGetNothing() {
        Browser stranger = new Browser(site);
        HttpResponse<String> page = stranger.get("/account/data/export");
        assertEquals(303, page.statusCode());
        assertEquals("/login?next=%2Faccount%2Fdata%2Fexport", page.headers().firstValue("location").orElseThrow());
        assertEquals(303, stranger.get("/account/delete").statusCode());
        assertEquals(401, stranger.json("GET", "/api/v1/me/export", null).statusCode());
        assertEquals(401, stranger.json("DELETE", "/api/v1/me", "{\"username\":\"Rook\",\"password\":\"x\"}")
                .statusCode());
        assertEquals(401, stranger.submit("/login", "/account/delete", Map.of("username", "Rook",
                "password", PASSWORD)).statusCode());
    }

    @Test
    void deletingNeedsYourUsernameAndPasswordAndChangesNothingOtherwise() throws Exception {
        Browser sedge = new Browser(site);
        signUp(sedge, "Sedge", "sedge@example.org");

        HttpResponse<String> form = sedge.get("/account/delete");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("name=\"_csrf\""), form.body());

        HttpResponse<String> empty = sedge.submit("/account/delete", "/account/delete",
                Map.of("username", "Sedgewick", "password", ""));
        assertFieldError(empty, "username", "That is not your username. Type Sedge to confirm.");
        assertFieldError(empty, "password", "Enter your password.");
        assertTrue(empty.body().contains("value=\"Sedgewick\""), "what was typed stays");

        HttpResponse<String> wrong = sedge.submit("/account/delete", "/account/delete",
                Map.of("username", "sedge", "password", "not-the-password"));
        assertFieldError(wrong, "password", "That is not your password.");
        assertFalse(wrong.body().contains("not-the-password"), "never echo a password");

        HttpResponse<String> forged = sedge.post("/account/delete", Map.of("username", "Sedge",
                "password", PASSWORD));
        assertEquals(403, forged.statusCode());

        HttpResponse<String> apiWrong = sedge.json("DELETE", "/api/v1/me",
                "{\"username\":\"Sedge\",\"password\":\"not-the-password\"}");
        assertEquals(400, apiWrong.statusCode());
        assertEquals("password", new JsonObject(apiWrong.body()).getString("field"));
        HttpResponse<String> notJson = sedge.json("DELETE", "/api/v1/me", "username=Sedge");
        assertEquals(400, notJson.statusCode());
        assertEquals("body", new JsonObject(notJson.body()).getString("field"));

        assertEquals("sedge@example.org", string("SELECT email FROM members WHERE username_key = 'sedge'"));
        assertEquals(200, sedge.get("/account/security").statusCode(), "still logged in");
    }

    @Test
    void anonymisingErasesThePersonButKeepsTheirPosts() throws Exception {
        Browser laptop = new Browser(site);
        Browser phone = new Browser(site, "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/140.0 Mobile");
        signUp(laptop, "Quillon", "Quillon@Example.org");
        long id = memberId(site, "quillon");
        assertEquals(303, logIn(phone, "quillon@example.org", PASSWORD).statusCode());
        assertEquals(400, logIn(new Browser(site), "quillon", "a-wrong-guess").statusCode());
        execute("UPDATE members SET bio = 'Grows leeks on plot 7', bio_html = '<p>Grows leeks on plot 7</p>', "
                + "location = 'Leekford', website = 'https://quillon.example', pronouns = 'they/them', "
                + "time_zone = 'Europe/Lisbon', profile_hidden = TRUE WHERE id = " + id);
        long field = addProfileField("Allotment");
        execute("INSERT INTO profile_field_values (member_id, field_id, field_value, updated_at) VALUES (" + id + ", "
                + field + ", 'Plot by the brook', CURRENT_TIMESTAMP)");
        execute("INSERT INTO member_email_preferences (member_id, kind, frequency, updated_at) VALUES (" + id
                + ", 'digest', 'never', CURRENT_TIMESTAMP)");
        execute("INSERT INTO member_ignores (member_id, ignored_id, created_at) VALUES (" + id + ", " + rook
                + ", CURRENT_TIMESTAMP), (" + rook + ", " + id + ", CURRENT_TIMESTAMP)");
        long own = topic(node, id, "Leek diary", "Week one: planted.");
        reply(node, rook, own, "Looking good.");
        long others = topic(node, rook, "Compost", "Turn it weekly.");
        reply(node, id, others, "Agreed, weekly.");
        HttpResponse<String> made = keeper.json("POST", "/api/v1/admin/api-keys",
                "{\"name\":\"Quillon's garden script\",\"user\":\"quillon\",\"scope\":\"write\"}");
        assertEquals(201, made.statusCode(), made.body());
        String apiKey = new JsonObject(made.body()).getString("key");
        assertEquals(200, site.get("/api/v1/me", "Authorization", "Bearer " + apiKey).statusCode());
        assertEquals(303, laptop.upload("/account/avatar", "/account/avatar", "avatar", "me.png", "image/png",
                png()).statusCode());
        Path avatars = dataDir.resolve("site/uploads/avatars");
        assertFalse(avatarFiles(avatars, id).isEmpty(), "the picture is on disk");
        execute("UPDATE members SET totp_secret = 'JBSWY3DPEHPK3PXP', totp_last_step = 1 WHERE id = " + id);
        execute("INSERT INTO recovery_codes (member_id, code_hash) VALUES (" + id + ", '" + "a".repeat(64) + "')");
        assertFalse(TextScan.find(site.database(), "quillon").isEmpty(), "the scan does see the name before");
        assertEquals(200, phone.get("/account/security").statusCode()); // the phone's session is now cached
        String laptopToken = laptop.cookie(Sessions.COOKIE).orElseThrow().getValue();
        String phoneToken = phone.cookie(Sessions.COOKIE).orElseThrow().getValue();

        HttpResponse<String> deleted = laptop.submit("/account/delete", "/account/delete",
                Map.of("username", "QUILLON", "password", PASSWORD));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals("/account/deleted", deleted.headers().firstValue("location").orElseThrow());
        assertTrue(deleted.headers().allValues("set-cookie").stream()
                .anyMatch(c -> c.startsWith(Sessions.COOKIE + "=;") && c.contains("Max-Age=0")), "cookie cleared");
        assertTrue(laptop.get("/account/deleted").body().contains("Your account has been deleted"));

        // Every session is dead on the server, the cached one too, for pages and the API alike.
        assertEquals(303, site.get("/account/security", "Cookie", Sessions.COOKIE + "=" + laptopToken).statusCode());
        assertEquals(303, site.get("/account/security", "Cookie", Sessions.COOKIE + "=" + phoneToken).statusCode());
        assertEquals(401, site.get("/api/v1/me", "Cookie", Sessions.COOKIE + "=" + phoneToken).statusCode());
        assertEquals(401, site.get("/api/v1/me", "Authorization", "Bearer " + apiKey).statusCode(), "keys too");

        // Nothing anywhere still says who they were.
        assertEquals(List.of(), TextScan.findAfterListeners(site.database(), "quillon"));
        for (String personal : List.of("plot 7", "Leekford", "they/them", "Europe/Lisbon", "by the brook")) {
            assertEquals(List.of(), TextScan.findAfterListeners(site.database(), personal), personal);
        }
        assertEquals(java.util.Arrays.asList(null, "", "", "", "UTC", "shown"), row("SELECT bio_html, location, "
                + "website, pronouns, time_zone, CASE WHEN profile_hidden THEN 'hidden' ELSE 'shown' END "
                + "FROM members WHERE id = " + id));
        assertEquals(0, count("SELECT COUNT(*) FROM profile_field_values WHERE member_id = " + id));
        assertEquals(0, count("SELECT COUNT(*) FROM member_email_preferences WHERE member_id = " + id));
        assertEquals(0, count("SELECT COUNT(*) FROM member_ignores WHERE member_id = " + id + " OR ignored_id = "
                + id));
        assertEquals(java.util.Arrays.asList("deleted-" + id, "deleted member " + id, "", null, null, null, "member"),
                row("SELECT username, display_name, email, password_hash, bio, email_verified_at, role "
                        + "FROM members WHERE id = " + id));
        assertNotNull(string("SELECT deleted_at FROM members WHERE id = " + id));
        assertEquals(400, logIn(new Browser(site), "quillon@example.org", PASSWORD).statusCode());
        assertEquals(2, count("SELECT COUNT(*) FROM sessions WHERE member_id = " + id));
        assertEquals(0, count("SELECT COUNT(*) FROM sessions WHERE member_id = " + id
                + " AND (ip <> '' OR user_agent <> '' OR revoked_at IS NULL)"));
        assertEquals(0, count("SELECT COUNT(*) FROM login_attempts WHERE account_key = 'member:" + id + "'"));
        assertEquals(0, count("SELECT COUNT(*) FROM member_tokens WHERE member_id = " + id));
        assertEquals(0, count("SELECT COUNT(*) FROM api_keys WHERE member_id = " + id));
        assertEquals(0, count("SELECT COUNT(*) FROM recovery_codes WHERE member_id = " + id));
        assertEquals(java.util.Arrays.asList(null, null, null, null), row("SELECT totp_secret, totp_enabled_at, "
                + "totp_last_step, avatar_format FROM members WHERE id = " + id));
        for (int i = 0; i < 50 && !avatarFiles(avatars, id).isEmpty(); i++) {
            Thread.sleep(100); // the files go once the deletion has committed
        }
        assertEquals(List.of(), avatarFiles(avatars, id));
        assertTrue(site.get("/u/deleted-" + id + "/avatar").body().contains("<svg"), "initials, no picture");

        // Their words stay, under the tombstone.
        assertEquals(2, count("SELECT COUNT(*) FROM posts WHERE author_id = " + id));
        assertEquals("Agreed, weekly.", string("SELECT body_markdown FROM posts WHERE author_id = " + id
                + " AND topic_id = " + others));
        assertTrue(site.get("/").body().contains("deleted member " + id), "the front page shows the tombstone");
        assertEquals(List.of(new JsonObject().put("memberId", id).put("mode", "anonymise")),
                deletions(site.database(), id));

        // The address (and the name) are free again.
        Browser again = new Browser(site);
        assertEquals(303, signUp(again, "Quillon", "quillon@example.org").statusCode());
        assertNotEquals(id, memberId(site, "quillon"));
    }

    @Test
    void nobodyCanTakeATombstonesNameFirst() {
        for (String name : List.of("deleted-99", "Deleted_7", "deleted.member")) {
            HttpResponse<String> refused = new Browser(site).submit("/signup", "/signup", Map.of("username", name,
                    "email", "tomb" + name.length() + "@example.org", "password", PASSWORD, "terms", "yes"));
            assertFieldError(refused, "username", "That username is reserved. Please choose another.");
        }
    }

    @Test
    void theApiDeletesTooWithTheSameConfirmation() throws Exception {
        Browser burdock = new Browser(site);
        signUp(burdock, "Burdock", "burdock@example.org");
        long id = memberId(site, "burdock");
        HttpResponse<String> wrongName = burdock.json("DELETE", "/api/v1/me",
                "{\"username\":\"Dock\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(400, wrongName.statusCode());
        assertEquals("username", new JsonObject(wrongName.body()).getString("field"));

        HttpResponse<String> gone = burdock.json("DELETE", "/api/v1/me",
                "{\"username\":\"Burdock\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, gone.statusCode(), gone.body());
        assertEquals(new JsonObject().put("deleted", true).put("posts", "anonymise"), new JsonObject(gone.body()));
        assertEquals(401, burdock.json("GET", "/api/v1/me", null).statusCode());
        assertEquals("deleted-" + id, string("SELECT username FROM members WHERE id = " + id));
    }

    @Test
    void theLastAdminCannotLeaveTheSiteWithoutOne(@TempDir Path dir) throws Exception {
        try (TestSite own = TestSite.start(dir, "--no-demo")) {
            Browser founder = new Browser(own);
            signUp(founder, "Founder", "founder@example.org");
            Browser second = new Browser(own);
            signUp(second, "Second", "second@example.org");

            assertTrue(founder.get("/account/delete").body().contains("You are the only admin of this site"));
            HttpResponse<String> refused = founder.submit("/account/delete", "/account/delete",
                    Map.of("username", "Founder", "password", PASSWORD));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("id=\"form-error\" role=\"alert\">You are the only admin of this "
                    + "site, so you cannot delete your account. Make another member an admin first."),
                    refused.body());
            HttpResponse<String> viaApi = founder.json("DELETE", "/api/v1/me",
                    "{\"username\":\"Founder\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(400, viaApi.statusCode());
            assertEquals("form", new JsonObject(viaApi.body()).getString("field"));
            assertEquals("founder@example.org", string(own, "SELECT email FROM members WHERE username_key = 'founder'"));

            assertEquals(303, founder.submit("/admin/members/second", "/admin/members/second/role",
                    Map.of("role", "admin", "reason", "Handing over")).statusCode());
            assertEquals(303, founder.submit("/account/delete", "/account/delete",
                    Map.of("username", "Founder", "password", PASSWORD)).statusCode());
            assertEquals(200, second.get("/admin/members").statusCode(), "the site still has an admin");
        }
    }

    @Test
    void removingDeletesTheirPostsAndTopicsButNotOtherPeoplesReplies(@TempDir Path dir) throws Exception {
        try (TestSite removing = TestSite.start(dir.resolve("site"), "--no-demo");
             SecondNode own = SecondNode.on(removing.database(), dir.resolve("node"))) {
            TestDatabase database = removing.database();
            Browser admin = new Browser(removing);
            signUp(admin, "Keeper", "keeper@example.org");
            assertEquals(303, admin.submit("/admin/settings", "/admin/settings",
                    Map.of("accounts.deleted-member-posts", "remove")).statusCode());
            Browser fennel = new Browser(removing);
            signUp(fennel, "Fennel", "fennel@example.org");
            signUp(new Browser(removing), "Yarrow", "yarrow@example.org");
            long x = count(database, "SELECT id FROM members WHERE username_key = 'fennel'");
            long y = count(database, "SELECT id FROM members WHERE username_key = 'yarrow'");
            long garden = own.transaction(tx -> own.discussions().createCategory(tx, "Garden", "", "#5b6ee1", 0));
            long alone = own.transaction(tx -> own.discussions().startTopic(tx, x, garden, "Solitary turnips",
                    "Only my turnips."));
            reply(own, x, alone, "Still only my turnips.");
            long shared = own.transaction(tx -> own.discussions().startTopic(tx, x, garden, "Shared beans",
                    "My opening bean words."));
            reply(own, y, shared, "A reply about beans.");
            reply(own, x, shared, "My second bean words.");
            long yours = own.transaction(tx -> own.discussions().startTopic(tx, y, garden, "Yarrow's peas",
                    "Peas, please."));
            reply(own, x, yours, "My pea remark.");
            reply(own, y, yours, "More peas.");

            assertTrue(fennel.get("/account/delete").body().contains("Your posts are removed"));
            assertEquals(303, fennel.submit("/account/delete", "/account/delete",
                    Map.of("username", "Fennel", "password", PASSWORD)).statusCode());

            // A topic only they wrote in is gone, title and all (the journal's copy of the title too).
            assertEquals(0, count(database, "SELECT COUNT(*) FROM topics WHERE id = " + alone));
            assertEquals(0, count(database, "SELECT COUNT(*) FROM posts WHERE topic_id = " + alone));
            for (String words : List.of("Solitary turnips", "my turnips", "My opening bean words",
                    "My second bean words", "My pea remark", "fennel")) {
                assertEquals(List.of(), TextScan.findAfterListeners(database, words), words);
            }
            // A topic they started that others answered stays, the opening post reduced to a notice.
            assertEquals(List.of("1", String.valueOf(x), AccountDeletion.REMOVED_BODY),
                    row(database, "SELECT post_number, author_id, body_markdown FROM posts WHERE topic_id = "
                            + shared + " AND post_number = 1"));
            assertEquals(List.of("Shared beans", "1"), row(database,
                    "SELECT title, reply_count FROM topics WHERE id = " + shared));
            assertEquals(1, count(database, "SELECT COUNT(*) FROM posts WHERE author_id = " + x));
            // Their reply elsewhere is gone; the count follows and numbering goes on without reuse.
            assertEquals(List.of("1", "3"), column(database, "SELECT post_number FROM posts WHERE topic_id = "
                    + yours + " ORDER BY post_number"));
            assertEquals(1, count(database, "SELECT reply_count FROM topics WHERE id = " + yours));
            long next = reply(own, y, yours, "Peas again.");
            assertEquals(4, count(database, "SELECT post_number FROM posts WHERE id = " + next));
            assertEquals(List.of(new JsonObject().put("memberId", x).put("mode", "remove")),
                    deletions(database, x));
            assertTrue(removing.get("/").body().contains("Shared beans"));
        }
    }

    @Test
    void deletedAccountsAreHiddenFromAdminsAndKeepNoStanding() throws Exception {
        Browser gone = new Browser(site);
        signUp(gone, "Ephemera", "ephemera@example.org");
        long id = memberId(site, "ephemera");
        assertEquals(303, gone.submit("/account/delete", "/account/delete",
                Map.of("username", "Ephemera", "password", PASSWORD)).statusCode());
        assertFalse(keeper.get("/admin/members?q=deleted").body().contains("deleted-" + id));
        assertEquals(404, keeper.get("/admin/members/deleted-" + id).statusCode());
        assertEquals(404, keeper.get("/u/deleted-" + id).statusCode(), "no profile page for a tombstone");
        assertEquals(404, keeper.json("GET", "/api/v1/members/deleted-" + id, null).statusCode());
        assertFalse(keeper.get("/members?q=deleted").body().contains("deleted-" + id), "nor a directory entry");
        assertFalse(keeper.get("/members").body().contains("deleted member " + id));
        assertEquals(404, keeper.json("PATCH", "/api/v1/admin/members/deleted-" + id,
                "{\"role\":\"admin\",\"reason\":\"Revive\"}").statusCode());
        assertThrows(NotFound.class, () -> node.transaction(tx -> {
            node.memberAdmin().setStatus(tx, id, MemberStatus.Kind.BANNED, null, "Gone anyway", 0);
            return null;
        }));
    }

    // --- helpers ---

    /** A custom profile field, as an admin adds it at /admin/profile-fields. */
    private static long addProfileField(String label) throws Exception {
        execute("INSERT INTO profile_fields (label, kind, visibility, position, created_at) VALUES ('" + label
                + "', 'text', 'everyone', 0, CURRENT_TIMESTAMP)");
        return count("SELECT MAX(id) FROM profile_fields WHERE label = '" + label + "'");
    }

    private static byte[] png() throws Exception {
        java.awt.image.BufferedImage face = new java.awt.image.BufferedImage(300, 300,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(face, "png", out);
        return out.toByteArray();
    }

    private static List<Path> avatarFiles(Path folder, long memberId) throws Exception {
        if (!java.nio.file.Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(memberId + "-")).toList();
        }
    }

    static long topic(SecondNode on, long author, String title, String body) {
        return on.transaction(tx -> on.discussions().startTopic(tx, author, category, title, body));
    }

    static long reply(SecondNode on, long author, long topic, String body) {
        return on.transaction(tx -> on.discussions().reply(tx, author, topic, body));
    }

    static long memberId(TestSite on, String usernameKey) {
        try {
            return Sql.number(on.database(), "SELECT id FROM members WHERE username_key = '" + usernameKey + "'");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void execute(String sql) throws Exception {
        Sql.execute(site.database(), sql);
    }

    private static long count(String sql) throws Exception {
        return Sql.number(site.database(), sql);
    }

    private static long count(TestDatabase database, String sql) throws Exception {
        return Sql.number(database, sql);
    }

    private static String string(String sql) throws Exception {
        return Sql.row(site.database(), sql).getFirst();
    }

    private static String string(TestSite on, String sql) throws Exception {
        return Sql.row(on.database(), sql).getFirst();
    }

    private static List<String> row(String sql) throws Exception {
        return Sql.row(site.database(), sql);
    }

    private static List<String> row(TestDatabase database, String sql) throws Exception {
        return Sql.row(database, sql);
    }

    private static List<String> column(TestDatabase database, String sql) throws Exception {
        return Sql.column(database, sql);
    }

    /** The journal's MemberDeleted events about one member. */
    static List<JsonObject> deletions(TestDatabase database, long memberId) throws Exception {
        return column(database, "SELECT payload FROM journal WHERE event_type = 'MemberDeleted'").stream()
                .map(JsonObject::new).filter(e -> e.getLong("memberId") == memberId).toList();
    }

}
