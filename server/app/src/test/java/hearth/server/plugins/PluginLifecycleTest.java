package hearth.server.plugins;

import static hearth.server.testing.Eventually.eventually;
import static hearth.server.plugins.PluginAdmins.install;
import static hearth.server.plugins.PluginAdmins.press;
import static hearth.server.testing.Members.signUp;
import static hearth.server.plugins.PluginAdmins.tableExists;
import static hearth.server.plugins.PluginAdmins.uninstall;
import static hearth.server.plugins.PluginAdmins.upgrade;
import static hearth.server.plugins.TestPlugins.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.plugins.fixtures.Dependent;
import hearth.server.plugins.fixtures.Greeter;
import hearth.server.testing.Browser;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a plugin at run time, through the admin pages and the real plugin manager: refused uploads, install,
 * enable, settings, routes, slots, dependencies, disable, listener catch-up, upgrade with migrations, uninstall.
 */
@TestMethodOrder(OrderAnnotation.class)
class PluginLifecycleTest {

    /** The example plugin every new site gets (the build bundles it). */
    /** The plugins every new site starts with (plugins/*), which these tests leave alone. */
    static final java.util.Set<String> BUNDLED = java.util.Set.of("welcome-banner", "moderation",
            "volunteer-roles", "search-lucene", "gamification", "analytics");
    static final String GREETER_V1_MIGRATION = "CREATE TABLE greeter_joins (member_id BIGINT NOT NULL PRIMARY KEY);";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    static TestPlugins greeter(String version) {
        TestPlugins jar = plugin("greeter", Greeter.class).version(version)
                .migration("V001__joins.sql", GREETER_V1_MIGRATION)
                .template("wave", "{% extends \"layout\" %}{% block content %}<p class=\"wave\">{{ name }} waves"
                        + " at {{ viewer.displayName }}</p>{% endblock %}")
                .resource("hearth-plugin/greeter/static/greeter.css", ".greeter { color: teal; }");
        if (!version.startsWith("1.")) {
            jar.migration("V002__notes.sql", "CREATE TABLE greeter_notes (id BIGINT NOT NULL PRIMARY KEY,"
                    + " note VARCHAR(100) NOT NULL, CONSTRAINT greeter_notes_joins FOREIGN KEY (id)"
                    + " REFERENCES greeter_joins (member_id));");
        }
        return jar;
    }

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = signUp(site, "Founder");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static boolean bundled(String jarName) {
        return BUNDLED.stream().anyMatch(id -> jarName.startsWith(id + "-"));
    }

    @Test
    @Order(1)
    void refusesWhatIsNotAnInstallablePluginAndInstallsNothing() throws Exception {
        assertRefused(install(admin, "not a jar at all".getBytes()), "not a readable jar");
        assertRefused(install(admin, greeter("1.0.0").requires(">=2.0.0").bytes()),
                "needs Hearth API &gt;=2.0.0, but this server provides API " + hearth.api.HearthApi.VERSION);
        assertRefused(install(admin, plugin("dependent", Dependent.class).dependsOn("greeter@>=1.0.0").bytes()),
                "needs plugin greeter &gt;=1.0.0, which is not installed");
        assertRefused(install(admin, plugin("Bad_Id", Dependent.class).bytes()), "is not kebab-case");
        assertEquals(0, Sql.number(site.database(), "SELECT COUNT(*) FROM plugins WHERE plugin_id NOT IN ("
                + String.join(", ", BUNDLED.stream().map(id -> "'" + id + "'").toList()) + ")"));
        try (Stream<Path> jars = Files.list(dataDir.resolve("plugins"))) {
            assertEquals(0, jars.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".jar") && !bundled(n)).count());
        }
    }

    @Test
    @Order(2)
    void installsDisabledAndEnablesWithoutARestart() throws Exception {
        HttpResponse<String> installed = install(admin, greeter("1.0.0").bytes());
        assertEquals(303, installed.statusCode(), installed.body());
        assertEquals("/admin/plugins/greeter?done=installed", installed.headers().firstValue("Location").orElseThrow());
        assertEquals(404, site.get("/x/greeter/").statusCode());
        assertTrue(admin.get("/admin/plugins").body().contains("state-disabled"));

        assertEquals(303, press(admin, "greeter", "enable").statusCode());
        HttpResponse<String> page = site.get("/x/greeter/");
        assertEquals(200, page.statusCode());
        assertEquals("Hello (calm, version 1.0.0)", page.body());
        assertTrue(site.get("/").body().contains("<p class=\"greeter\">Hello from greeter 1.0.0</p>"));
        assertTrue(tableExists(site, "greeter_joins"));
        eventually("the listener records the founder", () -> site.get("/x/greeter/joins").body().equals("1"));
        site.get("/");
        eventually("its task runs and its observer sees the home page", () -> {
            String counters = site.get("/x/greeter/counters").body();
            return !counters.contains("\"ticks\":0") && !counters.contains("\"homeViews\":0");
        });
        String detail = admin.get("/admin/plugins/greeter").body();
        assertTrue(detail.contains("Scheduled tasks") && detail.contains("<td>tick"), detail);
        assertTrue(detail.contains("state-enabled"), detail);
        assertTrue(detail.contains("greeter.wave") && detail.contains("greeter.waved-at"), detail);
    }

    @Test
    @Order(3)
    void refusesASecondCopyOfAnInstalledPlugin() {
        assertRefused(install(admin, greeter("1.0.1").bytes()),
                "Plugin greeter is already installed (version 1.0.0). To install version 1.0.1, use Upgrade");
    }

    @Test
    @Order(4)
    void settingsAreCheckedAndApplyAtOnce() {
        HttpResponse<String> bad = admin.submit("/admin/plugins/greeter", "/admin/plugins/greeter/settings",
                Map.of("greeting", "x".repeat(41), "times", "9", "mood", "grumpy"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Greeting: at most 40 characters, please."), bad.body());
        assertTrue(bad.body().contains("Times: enter a whole number from 1 to 5."), bad.body());
        assertTrue(bad.body().contains("Mood: choose one of calm, cheerful."), bad.body());
        assertEquals("Hello (calm, version 1.0.0)", site.get("/x/greeter/").body(), "nothing saved");

        HttpResponse<String> good = admin.submit("/admin/plugins/greeter", "/admin/plugins/greeter/settings",
                Map.of("greeting", "Howdy", "times", "2", "loud", "yes", "mood", "cheerful"));
        assertEquals(303, good.statusCode(), good.body());
        assertEquals("HOWDY! HOWDY! (cheerful, version 1.0.0)", site.get("/x/greeter/").body());

        HttpResponse<String> api = admin.json("PUT", "/api/v1/admin/plugins/greeter/settings", "{\"times\": 0}");
        assertEquals(400, api.statusCode());
        assertTrue(api.body().contains("\"field\":\"times\""), api.body());
        HttpResponse<String> quiet = admin.json("PUT", "/api/v1/admin/plugins/greeter/settings", "{\"loud\": false}");
        assertEquals(200, quiet.statusCode(), quiet.body());
        assertEquals("Howdy Howdy (cheerful, version 1.0.0)", site.get("/x/greeter/").body());
    }

    @Test
    @Order(5)
    void pluginRoutesAreAuthorisedCsrfCheckedAndRenderThroughTheTheme() {
        assertEquals(403, site.get("/x/greeter/wave").statusCode());
        Browser member = signUp(site, "Wren");
        HttpResponse<String> wave = member.get("/x/greeter/wave");
        assertEquals(200, wave.statusCode(), wave.body());
        assertTrue(wave.body().contains("<p class=\"wave\">Wren waves at Wren</p>"), wave.body());
        assertTrue(wave.body().contains("<footer class=\"site-footer\">"), "inside the site's layout");

        assertEquals(403, member.get("/admin/x/greeter/").statusCode());
        assertEquals("greeter admin", admin.get("/admin/x/greeter/").body());
        assertTrue(admin.get("/admin").body().contains("href=\"/admin/x/greeter/\">Greeter</a>"));

        assertEquals(403, member.post("/x/greeter/echo", Map.of("words", "hi")).statusCode(), "no CSRF token");
        assertEquals("echo:hi", member.submit("/", "/x/greeter/echo", Map.of("words", "hi")).body());
        assertEquals(303, member.submit("/", "/x/greeter/wave-at/Founder", Map.of()).statusCode());
        assertEquals(303, member.submit("/", "/x/greeter/wave-at/Founder", Map.of()).statusCode());
        String notifications = admin.get("/notifications").body();
        assertEquals(1, notifications.split("Wren waved at you", -1).length - 1, "sent once: " + notifications);
        assertTrue(admin.get("/").body().contains("unread-count\">1<span class=\"visually-hidden\"> unread</span>"),
                "the badge");
        HttpResponse<String> json = site.get("/x/greeter/members/founder");
        assertEquals("application/json; charset=utf-8", json.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(json.body().contains("\"role\":\"ADMIN\""), json.body());
        assertEquals(404, site.get("/x/greeter/no-such-page").statusCode());
    }

    @Test
    @Order(6)
    void staticFilesAreServedVersionedAndGuardsCheckProfileText() {
        assertTrue(site.get("/").body().contains("<link rel=\"stylesheet\" href=\"/plugin-assets/greeter/1.0.0/greeter.css\">"));
        HttpResponse<String> css = site.get("/plugin-assets/greeter/1.0.0/greeter.css");
        assertEquals(200, css.statusCode());
        assertEquals(".greeter { color: teal; }", css.body());
        assertEquals("public, max-age=31536000, immutable", css.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(404, site.get("/plugin-assets/greeter/0.9.0/greeter.css").statusCode());
        assertEquals(404, site.get("/plugin-assets/greeter/1.0.0/../greeter.css").statusCode());
        assertTrue(site.get("/u/Founder").body().contains("greeter-profile:Founder"), "the slot gets its subject");

        HttpResponse<String> refused = admin.submit("/u/Founder/edit", "/u/Founder/edit", Map.of("displayName",
                "Founder", "bio", "Buy spam here", "location", "", "website", "", "pronouns", "", "timeZone", "UTC"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("No spam, please."), refused.body());
        assertEquals(303, admin.submit("/u/Founder/edit", "/u/Founder/edit", Map.of("displayName", "Founder",
                "bio", "I grow beans.", "location", "", "website", "", "pronouns", "", "timeZone", "UTC")).statusCode());
    }

    @Test
    @Order(6)
    void dependenciesOrderSlotsAndBlockDisabling() {
        HttpResponse<String> installed = install(admin, plugin("dependent", Dependent.class)
                .dependsOn("greeter@>=1.0.0").bytes());
        assertEquals(303, installed.statusCode(), installed.body());
        assertEquals(303, press(admin, "dependent", "enable").statusCode());
        String home = site.get("/").body();
        assertTrue(home.indexOf("dependent-nav") < home.indexOf("greeter-nav"), "greeter renders after dependent");

        HttpResponse<String> refused = press(admin, "greeter", "disable");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("Plugin dependent needs greeter and is enabled: disable it first."));
        assertEquals(200, site.get("/x/greeter/").statusCode());

        assertEquals(303, press(admin, "dependent", "disable").statusCode());
        assertFalse(site.get("/").body().contains("dependent-nav"));
    }

    @Test
    @Order(7)
    void aDisabledPluginVanishesAndItsListenerCatchesUpWhenEnabledAgain() throws Exception {
        assertEquals(303, press(admin, "greeter", "disable").statusCode());
        assertEquals(404, site.get("/x/greeter/").statusCode());
        assertEquals(404, admin.get("/admin/x/greeter/").statusCode());
        assertFalse(site.get("/").body().contains("class=\"greeter\""));
        signUp(site, "Late");

        assertEquals(303, press(admin, "greeter", "enable").statusCode());
        eventually("the listener catches up with the three members",
                () -> site.get("/x/greeter/joins").body().equals("3"));
        assertEquals("Howdy Howdy (cheerful, version 1.0.0)", site.get("/x/greeter/").body(), "settings kept");
    }

    @Test
    @Order(8)
    void upgradesToANewerJarAndRunsItsNewMigrations() throws Exception {
        assertRefused(upgrade(admin, "greeter", greeter("1.0.0").bytes()),
                "This jar is version 1.0.0 of greeter, and version 1.0.0 is installed: upload a newer version.");
        assertRefused(upgrade(admin, "greeter", plugin("dependent", Dependent.class).version("9.0.0").bytes()),
                "This jar is plugin dependent, not greeter.");

        assertEquals(303, press(admin, "dependent", "enable").statusCode());
        HttpResponse<String> upgraded = upgrade(admin, "greeter", greeter("2.0.0").bytes());
        assertEquals(303, upgraded.statusCode(), upgraded.body());
        assertEquals("Howdy Howdy (cheerful, version 2.0.0)", site.get("/x/greeter/").body());
        assertTrue(site.get("/").body().contains("dependent-nav"), "the plugin that needs it restarted with it");
        assertEquals(303, press(admin, "dependent", "disable").statusCode());
        assertEquals(2, Sql.number(site.database(), "SELECT COUNT(*) FROM greeter_schema_history"));
        assertTrue(tableExists(site, "greeter_notes"));
        try (Stream<Path> jars = Files.list(dataDir.resolve("plugins"))) {
            assertEquals(java.util.List.of("dependent-1.0.0.jar", "greeter-2.0.0.jar"), jars.map(p -> p.getFileName()
                    .toString()).filter(n -> n.endsWith(".jar") && !bundled(n)).sorted().toList());
        }
    }

    @Test
    @Order(9)
    void aFailingMigrationLeavesThePluginOffWithTheErrorAndTheCoreUntouched() throws Exception {
        HttpResponse<String> installed = install(admin, plugin("faulty", Dependent.class)
                .migration("V001__things.sql", "CREATE TABLE faulty_things (id BIGINT NOT NULL PRIMARY KEY);\n"
                        + "INSERT INTO faulty_things (id, nope) VALUES (1, 2);").bytes());
        assertEquals(303, installed.statusCode(), installed.body());
        HttpResponse<String> enabled = press(admin, "faulty", "enable");
        assertEquals(409, enabled.statusCode());
        assertTrue(enabled.body().contains("Plugin faulty could not start"), enabled.body());
        assertFalse(tableExists(site, "faulty_things"), "the failed migration was undone");
        String detail = admin.get("/admin/plugins/faulty").body();
        assertTrue(detail.contains("state-failed"), detail);
        assertTrue(detail.contains("V001__things.sql"), detail);
        assertEquals(200, site.get("/").statusCode());

        HttpResponse<String> sneaky = install(admin, plugin("sneaky", Dependent.class)
                .migration("V001__grab.sql", "ALTER TABLE members ADD COLUMN sneaky_flag INT NULL;").bytes());
        assertEquals(303, sneaky.statusCode());
        HttpResponse<String> refused = press(admin, "sneaky", "enable");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("names &quot;members&quot;; a plugin&#39;s tables, indexes and constraints"
                + " must start with sneaky_"), refused.body());
        assertEquals(0, Sql.number(site.database(),
                "SELECT COUNT(*) FROM information_schema.columns WHERE LOWER(column_name) = 'sneaky_flag'"));
    }

    @Test
    @Order(10)
    void uninstallKeepsOrDeletesTheData() throws Exception {
        assertEquals(303, uninstall(admin, "greeter", "keep").statusCode());
        assertEquals(404, site.get("/x/greeter/").statusCode());
        assertEquals(404, admin.get("/admin/plugins/greeter").statusCode());
        assertTrue(tableExists(site, "greeter_joins"));
        assertFalse(Files.exists(dataDir.resolve("plugins/greeter-2.0.0.jar")));

        assertEquals(303, install(admin, greeter("2.0.0").bytes()).statusCode());
        assertEquals(303, press(admin, "greeter", "enable").statusCode());
        assertEquals("3", site.get("/x/greeter/joins").body(), "the kept rows are back");
        assertEquals("Howdy Howdy (cheerful, version 2.0.0)", site.get("/x/greeter/").body(), "and the settings");

        HttpResponse<String> gone = uninstall(admin, "greeter", "delete");
        assertEquals(303, gone.statusCode(), gone.body());
        assertFalse(tableExists(site, "greeter_joins"));
        assertFalse(tableExists(site, "greeter_notes"));
        assertFalse(tableExists(site, "greeter_schema_history"));
        assertEquals(0, Sql.number(site.database(), "SELECT COUNT(*) FROM plugin_settings WHERE plugin_id = 'greeter'"));
        assertEquals(0, Sql.number(site.database(),
                "SELECT COUNT(*) FROM journal_cursors WHERE listener_id LIKE 'plugin.greeter.%'"));
    }

    @Test
    @Order(11)
    void theJsonApiManagesPluginsForAdminsOnly() throws IOException {
        HttpResponse<String> list = admin.json("GET", "/api/v1/admin/plugins", null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"id\":\"faulty\"") && list.body().contains("\"state\":\"failed\""),
                list.body());
        assertEquals(409, admin.json("POST", "/api/v1/admin/plugins/faulty/enable", null).statusCode());
        assertEquals(404, admin.json("POST", "/api/v1/admin/plugins/nothing/enable", null).statusCode());
        assertEquals(400, admin.json("DELETE", "/api/v1/admin/plugins/faulty", null).statusCode());
        assertEquals(204, admin.json("DELETE", "/api/v1/admin/plugins/faulty?data=delete", null).statusCode());
        Browser member = signUp(site, "Nosy");
        assertEquals(403, member.json("GET", "/api/v1/admin/plugins", null).statusCode());
    }

    private static void assertRefused(HttpResponse<String> response, String message) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains(message), "expected \"" + message + "\" in:\n" + response.body());
    }
}
