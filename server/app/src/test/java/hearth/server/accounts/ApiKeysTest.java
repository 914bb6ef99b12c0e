package hearth.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys end to end over HTTP: the admin page and API, using keys, scopes, revocation and refusals. */
class ApiKeysTest {

    static final Pattern KEY = Pattern.compile("hearth_[A-Za-z0-9_-]{43}");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static Browser member;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = new Browser(site);
        assertEquals(303, signUp(admin, "Keeper").statusCode()); // the first account: the admin
        member = new Browser(site);
        assertEquals(303, signUp(member, "Sprout").statusCode());
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void theAdminPageMakesAKeyShownOnceThatActsAsItsOwnerAndShowsWhenItWasLastUsed() throws Exception {
        HttpResponse<String> empty = admin.get("/admin/api");
        assertEquals(200, empty.statusCode(), empty.body());

        HttpResponse<String> created = createOnPage("Garden bot", "sprout", "read");
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().contains("shown only this once"), created.body());
        assertEquals("no-store", created.headers().firstValue("cache-control").orElseThrow());
        String key = key(created);
        assertEquals(1, KEY.matcher(created.body()).results().count(), "only the new key, once");

        assertEquals(Tokens.hash(key), scalar("SELECT token_hash FROM api_keys WHERE name = ?", "Garden bot"),
                "stored hashed");
        long id = Long.parseLong(scalar("SELECT id FROM api_keys WHERE name = ?", "Garden bot"));
        String page = admin.get("/admin/api").body();
        assertFalse(page.contains(key), "never shown again");
        String row = row(page, id);
        assertTrue(row.contains("Garden bot") && row.contains("Sprout") && row.contains(">read<"), row);
        assertTrue(row.contains("by Keeper"), row);
        assertTrue(lastUsed(row).equals("never"), row);

        HttpResponse<String> me = call("GET", "/api/v1/me", key, null);
        assertEquals(200, me.statusCode(), me.body());
        JsonObject owner = new JsonObject(me.body());
        assertEquals("Sprout", owner.getString("username"));
        assertEquals("member", owner.getString("role"));
        assertTrue(me.headers().allValues("set-cookie").isEmpty(), "a key request gets no cookies: "
                + me.headers().allValues("set-cookie"));

        String used = lastUsed(row(admin.get("/admin/api").body(), id));
        assertTrue(used.contains("UTC</time>"), used);
        String firstUse = scalar("SELECT last_used_at FROM api_keys WHERE name = ?", "Garden bot");
        assertEquals(200, call("GET", "/api/v1/me", key, null).statusCode());
        assertEquals(firstUse, scalar("SELECT last_used_at FROM api_keys WHERE name = ?", "Garden bot"),
                "written at most once a minute");
    }

    @Test
    void aReadKeyOnlyReadsAndAWriteKeyChangesWithoutACsrfToken() {
        String read = createKey("sprout", "read");
        assertEquals(200, call("GET", "/api/v1/me/sessions", read, null).statusCode());
        // HEAD passes the scope check (the routes answer GET only, so the router says 405, not 403).
        assertEquals(405, call("HEAD", "/api/v1/me", read, null).statusCode());
        HttpResponse<String> refused = call("DELETE", "/api/v1/me/sessions/999999", read, null);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("This API key is read-only; changes need a key with the write scope.",
                new JsonObject(refused.body()).getString("error"));
        assertEquals(403, call("POST", "/api/v1/session", read, "{}").statusCode());

        String write = createKey("sprout", "write");
        // No cookie, no CSRF token: the request reaches the handler, which finds no such session.
        HttpResponse<String> passed = call("DELETE", "/api/v1/me/sessions/999999", write, null);
        assertEquals(404, passed.statusCode(), passed.body());
        assertEquals("There is no such active session.", new JsonObject(passed.body()).getString("error"));
    }

    @Test
    void aBearerRequestThatAlsoSendsCookiesStillNeedsTheCsrfToken() {
        String write = createKey("sprout", "write");
        String cookie = "hearth_csrf=" + member.cookie("hearth_csrf").orElseThrow().getValue();
        HttpResponse<String> forged = send(request("DELETE", "/api/v1/me/sessions/999999", null)
                .header("Authorization", "Bearer " + write).header("Cookie", cookie));
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("This form has expired"), forged.body());
    }

    @Test
    void aWriteKeyCannotReachAdminRoutesAndAnAdminKeyCan() {
        String write = createKey("keeper", "write");
        for (String path : new String[] {"/api/v1/admin/api-keys", "/api/v1/%61dmin/api-keys",
                "/api/v1/me/../admin/api-keys", "/api/v1/admin/api-keys/"}) {
            HttpResponse<String> refused = call("GET", path, write, null);
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
            assertEquals("This API key cannot reach admin routes; that needs a key with the admin scope.",
                    new JsonObject(refused.body()).getString("error"), path);
        }
        assertEquals(403, call("POST", "/api/v1/admin/api-keys", write,
                "{\"name\":\"x\",\"user\":\"keeper\",\"scope\":\"admin\"}").statusCode());
        assertEquals("moderator", new JsonObject(call("GET", "/api/v1/me", write, null).body()).getString("role"),
                "without the admin scope an admin's key has no admin powers anywhere");

        String adminKey = createKey("keeper", "admin");
        assertEquals("admin", new JsonObject(call("GET", "/api/v1/me", adminKey, null).body()).getString("role"));
        HttpResponse<String> made = call("POST", "/api/v1/admin/api-keys", adminKey,
                "{\"name\":\"Made by a key\",\"user\":\"sprout\",\"scope\":\"write\"}");
        assertEquals(201, made.statusCode(), made.body());
        JsonObject created = new JsonObject(made.body());
        assertEquals("Sprout", created.getString("user"));
        assertEquals("write", created.getString("scope"));
        String madeKey = created.getString("key");
        assertTrue(KEY.matcher(madeKey).matches(), madeKey);
        assertEquals(200, call("GET", "/api/v1/me", madeKey, null).statusCode());

        HttpResponse<String> listed = call("GET", "/api/v1/admin/api-keys", adminKey, null);
        assertEquals(200, listed.statusCode(), listed.body());
        JsonObject entry = find(new JsonObject(listed.body()).getJsonArray("keys"), created.getLong("id"));
        assertEquals("Made by a key", entry.getString("name"));
        assertEquals("Keeper", entry.getString("createdBy"));
        assertNull(entry.getString("revokedAt"));
        assertFalse(listed.body().contains(madeKey), "lists never show keys");

        assertEquals(204, call("DELETE", "/api/v1/admin/api-keys/" + created.getLong("id"), adminKey, null)
                .statusCode());
        assertEquals(404, call("DELETE", "/api/v1/admin/api-keys/" + created.getLong("id"), adminKey, null)
                .statusCode(), "already revoked");
        assertEquals(401, call("GET", "/api/v1/me", madeKey, null).statusCode());
    }

    @Test
    void onlyAdminsKeysHaveTheAdminScopeAndADemotedOwnersKeyLosesIt() throws Exception {
        HttpResponse<String> refused = createOnPage("Too much", "sprout", "admin");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("id=\"scope-error\" role=\"alert\">Only admins&#39; keys may have the "
                + "admin scope; Sprout is a member."), refused.body());
        assertEquals("0", scalar("SELECT COUNT(*) FROM api_keys WHERE name = ?", "Too much"));
        String adminKey = createKey("keeper", "admin");
        HttpResponse<String> viaApi = call("POST", "/api/v1/admin/api-keys", adminKey,
                "{\"name\":\"Too much\",\"user\":\"sprout\",\"scope\":\"admin\"}");
        assertEquals(400, viaApi.statusCode());
        assertEquals("scope", new JsonObject(viaApi.body()).getString("field"));

        assertEquals(303, signUp(new Browser(site), "Bramble").statusCode());
        execute("UPDATE members SET role = 'admin' WHERE username_key = 'bramble'");
        String brambles = createKey("bramble", "admin");
        assertEquals(200, call("GET", "/api/v1/admin/api-keys", brambles, null).statusCode());

        execute("UPDATE members SET role = 'member' WHERE username_key = 'bramble'");
        assertEquals(403, call("GET", "/api/v1/admin/api-keys", brambles, null).statusCode(),
                "the key's admin powers went with its owner's role, at once");
        HttpResponse<String> me = call("GET", "/api/v1/me", brambles, null);
        assertEquals(200, me.statusCode());
        assertEquals("member", new JsonObject(me.body()).getString("role"));
        assertEquals(404, call("DELETE", "/api/v1/me/sessions/999999", brambles, null).statusCode(),
                "it still writes, as its owner may");
    }

    @Test
    void revokedAndBadKeysGet401AndNeverActAnonymouslyOrAsTheCookie() throws Exception {
        HttpResponse<String> created = createOnPage("Soon revoked", "sprout", "read");
        String key = key(created);
        assertEquals(200, call("GET", "/api/v1/me", key, null).statusCode());
        long id = Long.parseLong(scalar("SELECT id FROM api_keys WHERE name = ?", "Soon revoked"));
        assertEquals(303, admin.submit("/admin/api", "/admin/api/keys/" + id + "/revoke", Map.of()).statusCode());
        assertTrue(row(admin.get("/admin/api").body(), id).contains("revoked"));

        assertUnauthorized(call("GET", "/api/v1/me", key, null), "Unknown or revoked API key.");
        assertUnauthorized(call("GET", "/api/v1/me", "nonsense", null), "Unknown or revoked API key.");
        assertUnauthorized(call("GET", "/api/v1/me", "hearth_" + "A".repeat(43), null),
                "Unknown or revoked API key.");
        assertUnauthorized(send(request("GET", "/api/v1/me", null).header("Authorization", "Bearer")),
                "Unknown or revoked API key.");
        // A session cookie alongside a bad key does not rescue it.
        String session = "hearth_session=" + admin.cookie("hearth_session").orElseThrow().getValue();
        assertUnauthorized(send(request("GET", "/api/v1/me", null).header("Authorization", "Bearer " + key)
                .header("Cookie", session)), "Unknown or revoked API key.");

        String good = createKey("sprout", "read");
        assertEquals(200, send(request("GET", "/api/v1/me", null).header("Authorization", "bearer " + good))
                .statusCode(), "the scheme is case-insensitive");
        assertEquals(200, send(request("GET", "/", null).header("Authorization", "Basic dXNlcjpwYXNz")).statusCode(),
                "other schemes (a proxy's Basic auth) are left alone");
        assertUnauthorized(call("GET", "/", good, null), "API keys are accepted only under /api/v1/.");
        assertUnauthorized(call("GET", "/admin/api", createKey("keeper", "admin"), null),
                "API keys are accepted only under /api/v1/.");

        execute("UPDATE members SET status = 'suspended', status_until = '2099-01-01 00:00:00' "
                + "WHERE username_key = 'sprout'");
        try {
            assertUnauthorized(call("GET", "/api/v1/me", good, null), "The owner of this API key is suspended or banned.");
        } finally {
            execute("UPDATE members SET status = 'active', status_until = NULL WHERE username_key = 'sprout'");
        }
        assertEquals(200, call("GET", "/api/v1/me", good, null).statusCode());
    }

    @Test
    void membersCannotOpenThePageNorManageKeys() throws Exception {
        HttpResponse<String> page = member.get("/admin/api");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("Only admins can manage API keys."), page.body());
        assertEquals("/login?next=%2Fadmin%2Fapi",
                new Browser(site).get("/admin/api").headers().firstValue("location").orElseThrow());
        assertEquals(403, member.submit("/", "/admin/api/keys",
                Map.of("name", "Mine", "user", "sprout", "scope", "write")).statusCode());

        // The JSON API with the member's session, sent as a browser script would (cookie + CSRF header).
        String csrf = member.cookie("hearth_csrf").orElseThrow().getValue();
        String cookies = "hearth_session=" + member.cookie("hearth_session").orElseThrow().getValue()
                + "; hearth_csrf=" + csrf;
        HttpResponse<String> create = send(request("POST", "/api/v1/admin/api-keys",
                "{\"name\":\"Mine\",\"user\":\"sprout\",\"scope\":\"write\"}")
                .header("Cookie", cookies).header("X-CSRF-Token", csrf));
        assertEquals(403, create.statusCode(), create.body());
        assertEquals("Only admins can manage API keys.", new JsonObject(create.body()).getString("error"));
        assertEquals(403, send(request("GET", "/api/v1/admin/api-keys", null).header("Cookie", cookies))
                .statusCode());
        assertEquals("0", scalar("SELECT COUNT(*) FROM api_keys WHERE name = ?", "Mine"));

        assertEquals(401, send(request("GET", "/api/v1/admin/api-keys", null)).statusCode(), "anonymous");
    }

    // Helpers.

    private static HttpResponse<String> signUp(Browser browser, String username) {
        return browser.submit("/signup", "/signup", Map.of("username", username, "email",
                username.toLowerCase() + "@example.org", "password", "compost-heap-42", "terms", "yes"));
    }

    private static HttpResponse<String> createOnPage(String name, String user, String scope) {
        return admin.submit("/admin/api", "/admin/api/keys", Map.of("name", name, "user", user, "scope", scope));
    }

    private static int made;

    /** A fresh key made on the admin page. */
    private static String createKey(String user, String scope) {
        HttpResponse<String> created = createOnPage("key " + (++made), user, scope);
        assertEquals(200, created.statusCode(), created.body());
        return key(created);
    }

    private static String key(HttpResponse<String> page) {
        Matcher m = KEY.matcher(page.body());
        assertTrue(m.find(), page.body());
        return m.group();
    }

    private static String row(String page, long id) {
        Matcher m = Pattern.compile("(?s)<tr id=\"key-" + id + "\">(.*?)</tr>").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    private static String lastUsed(String row) {
        Matcher m = Pattern.compile("(?s)<td class=\"last-used\">(.*?)</td>").matcher(row);
        assertTrue(m.find(), row);
        return m.group(1);
    }

    private static JsonObject find(JsonArray keys, long id) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.getJsonObject(i).getLong("id") == id) {
                return keys.getJsonObject(i);
            }
        }
        throw new AssertionError("No key " + id + " in " + keys.encodePrettily());
    }

    private static void assertUnauthorized(HttpResponse<String> response, String message) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(message, new JsonObject(response.body()).getString("error"));
        assertNotEquals("", response.headers().firstValue("www-authenticate").orElse(""));
    }

    private static HttpRequest.Builder request(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(site.uri(path)).timeout(Duration.ofSeconds(20));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
    }

    /** A request with the key and nothing else: no cookies, no CSRF token. */
    private static HttpResponse<String> call(String method, String path, String key, String json) {
        return send(request(method, path, json).header("Authorization", "Bearer " + key));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return site.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String scalar(String sql, String parameter) throws Exception {
        try (Connection c = site.database().connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getString(1);
            }
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = site.database().connect(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
