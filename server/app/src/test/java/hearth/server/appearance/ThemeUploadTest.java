package hearth.server.appearance;

import static hearth.server.appearance.ThemesTest.save;
import static hearth.server.testing.Members.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing themes from zips (and refusing bad ones without writing anything), inheritance, and deleting them. */
class ThemeUploadTest {

    private static final String HOME = "{% extends \"layout\" %}{% block content %}<p id=\"forest-home\">Forest home"
            + "</p>{% endblock %}";

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        admin = member(site, "Ada", "admin");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    static HttpResponse<String> upload(Browser admin, byte[] zip) {
        return admin.upload("/admin/appearance", "/admin/appearance/themes", "zip", "theme.zip", "application/zip",
                zip);
    }

    private static List<String> themesDir() throws IOException {
        Path dir = dataDir.resolve("themes");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p) + "@" + p.toFile().lastModified()).sorted().toList();
        }
    }

    @Test
    void anInstalledChildOfClassicOverridesOneTemplateAndInheritsTheRest() throws IOException {
        byte[] forest = Zips.empty()
                .text("forest-1.0/theme.properties", "name=forest\nversion=1.0\nparent=classic\n")
                .text("forest-1.0/templates/home.peb", HOME)
                .text("forest-1.0/templates/x/welcome-banner/banner.peb", "<p id=\"forest-banner\">Forest welcomes "
                        + "you</p>")
                .text("forest-1.0/static/css/forest.css", ".forest{}")
                .zip();
        HttpResponse<String> installed = upload(admin, forest);
        assertEquals(303, installed.statusCode(), installed.body());
        assertTrue(Files.isRegularFile(dataDir.resolve("themes/forest/templates/home.peb")), "the wrapper folder is "
                + "unpacked away");
        assertTrue(admin.get("/admin/appearance").body().contains("data-theme-name=\"forest\""));
        assertTrue(site.get("/").body().contains("Welcome! New here?"), "not active yet");

        assertEquals(303, save(admin, Map.of("theme", "forest")).statusCode());
        String home = site.get("/").body();
        assertTrue(home.contains("id=\"forest-home\""), "its own core template wins:\n" + home);
        assertTrue(home.contains("id=\"forest-banner\""), "its plugin template wins over the plugin's own");
        assertFalse(home.contains("Welcome! New here?"));
        assertTrue(site.get("/latest").body().contains("<table class=\"topic-table\">"), "classic's, its parent");
        assertTrue(site.get("/login").body().contains("name=\"identifier\""), "default's, its grandparent");

        byte[] forest2 = Zips.theme("forest", "classic").text("templates/home.peb", HOME.replace("Forest home",
                "Forest two")).zip();
        assertEquals(303, upload(admin, forest2).statusCode(), "the same name replaces an installed theme");
        assertTrue(site.get("/").body().contains("Forest two"), "the replaced theme's templates are read afresh");
        assertFalse(Files.exists(dataDir.resolve("themes/forest/static")), "nothing left of the old one");

        HttpResponse<String> active = admin.submit("/admin/appearance", "/admin/appearance/themes/forest/delete",
                Map.of());
        assertEquals(409, active.statusCode(), "the site's theme is not deleted");
        assertEquals(303, save(admin, Map.of("theme", "default")).statusCode());
        assertEquals(303, admin.submit("/admin/appearance", "/admin/appearance/themes/forest/delete", Map.of())
                .statusCode());
        assertFalse(Files.exists(dataDir.resolve("themes/forest")));
        assertEquals(409, admin.submit("/admin/appearance", "/admin/appearance/themes/classic/delete", Map.of())
                .statusCode(), "bundled themes stay");
    }

    @Test
    void aThemeWhoseLayoutDoesNotCompileCannotBecomeTheSitesTheme() {
        assertEquals(303, upload(admin, Zips.theme("broken", "default").text("templates/layout.peb",
                "{% if %}<html>").zip()).statusCode(), "installing it is fine");
        HttpResponse<String> refused = save(admin, Map.of("theme", "broken"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Template layout of theme broken does not compile"), refused.body());
        assertTrue(site.get("/").body().contains("Skip to content"), "the site still works");
        assertEquals(303, admin.submit("/admin/appearance", "/admin/appearance/themes/broken/delete", Map.of())
                .statusCode());
    }

    @Test
    void badZipsAreRefusedWithAMessageAndWriteNothing() throws IOException {
        byte[] big = new byte[(int) ThemeZip.MAX_BYTES + 1024];
        new Random(7).nextBytes(big);
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("points outside the theme", Zips.theme("evil", "default").text("../x", "x").zip());
        cases.put("points outside the theme (..)", Zips.theme("evil", "default").text("templates/../../x.peb", "x")
                .zip());
        cases.put("has an absolute path", Zips.theme("evil", "default").text("/etc/evil", "x").zip());
        cases.put("contains a backslash", Zips.theme("evil", "default").text("templates\\x.peb", "x").zip());
        cases.put("has no theme.properties", Zips.empty().text("templates/home.peb", HOME).zip());
        cases.put("must be 1 to 40 lower-case letters", Zips.theme("Bad_Name", "default").zip());
        cases.put("comes with Hearth and cannot be replaced", Zips.theme("classic", "default").zip());
        cases.put("The parent theme nowhere is not installed", Zips.theme("orphan", "nowhere").zip());
        cases.put("a theme has only theme.properties, templates/ and static/", Zips.theme("evil", "default")
                .text("lib/evil.jar", "x").zip());
        cases.put("is not UTF-8 text", Zips.theme("latin", "default").bytes("templates/home.peb",
                "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)).zip());
        cases.put("unpacks to more than 16 MiB", Zips.theme("bomb", "default")
                .bytes("static/zeros.txt", new byte[17 * 1024 * 1024]).zip());
        cases.put("larger than 4 MiB", Zips.theme("huge", "default").bytes("static/noise.png", big).zip());
        cases.put("is in the zip twice", Zips.rename(Zips.theme("twice", "default").text("templates/a.peb", "a")
                .text("templates/b.peb", "b").zip(), "templates/b.peb", "templates/a.peb"));
        cases.put("is a symbolic link", Zips.symlinks(Zips.theme("linked", "default")
                .text("templates/home.peb", "/etc/passwd").zip()));
        cases.put("This is not a zip file", "just some text".getBytes(StandardCharsets.UTF_8));
        cases.put("The file is empty", new byte[0]);
        List<String> before = themesDir();
        cases.forEach((message, zip) -> {
            HttpResponse<String> refused = upload(admin, zip);
            assertEquals(400, refused.statusCode(), message + ": " + refused.body());
            assertTrue(refused.body().contains("<p class=\"error\" id=\"zip-error\" role=\"alert\">"), message);
            assertTrue(refused.body().contains(message.replace("'", "&#39;")), message + ":\n" + refused.body());
        });
        assertEquals(before, themesDir(), "nothing written to the themes folder");
        HttpResponse<String> noCsrf = admin.post("/admin/appearance/themes", Map.of());
        assertEquals(403, noCsrf.statusCode());
        Browser member = member(site, "Nat", false);
        assertEquals(403, member.upload("/latest", "/admin/appearance/themes", "zip", "t.zip", "application/zip",
                Zips.theme("sneaky", "default").zip()).statusCode());
        assertEquals(before, themesDir());
    }

    @Test
    void adminsManageThemesThroughTheApi() {
        HttpResponse<String> list = admin.json("GET", "/api/v1/admin/themes", null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"name\":\"classic\""), list.body());
        HttpResponse<String> changed = admin.json("PUT", "/api/v1/admin/appearance",
                "{\"theme\":\"classic\",\"enabledThemes\":[\"default\"],\"font\":\"mono\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        JsonObject appearance = new JsonObject(changed.body());
        assertEquals("classic", appearance.getString("theme"));
        assertEquals("mono", appearance.getString("font"));
        assertTrue(site.get("/latest").body().contains("<table class=\"topic-table\">"));
        HttpResponse<String> unknown = admin.json("PUT", "/api/v1/admin/appearance", "{\"theme\":\"nope\"}");
        assertEquals(400, unknown.statusCode());
        assertEquals("theme", new JsonObject(unknown.body()).getString("field"));
        assertEquals(303, save(admin, Map.of("theme", "default")).statusCode());
        assertEquals(404, admin.json("DELETE", "/api/v1/admin/themes/nope", null).statusCode());
        assertEquals(409, admin.json("DELETE", "/api/v1/admin/themes/default", null).statusCode());

        Browser member = member(site, "Olu", false);
        assertEquals(403, member.json("GET", "/api/v1/admin/appearance", null).statusCode());
        assertEquals(403, member.json("PUT", "/api/v1/admin/appearance", "{\"theme\":\"classic\"}").statusCode());
    }
}
