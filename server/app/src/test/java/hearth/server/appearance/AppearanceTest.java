package hearth.server.appearance;

import static hearth.server.appearance.ThemesTest.save;
import static hearth.server.testing.Members.member;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brand colours, font, custom CSS, logo and favicon: checked, stored, and in every page at once. */
class AppearanceTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = member(site, "Ada", "admin");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void coloursFontAndCustomCssShowInEveryPage() {
        HttpResponse<String> saved = save(admin, Map.of("accentLight", "#1D4ED8", "accentDark", "#93c5fd",
                "font", "serif", "customCss", ".brand { letter-spacing: 2px }"));
        assertEquals(303, saved.statusCode(), saved.body());
        for (String path : new String[] {"/", "/login", "/latest"}) {
            String page = site.get(path).body();
            assertTrue(page.contains(":root[data-theme=light]{--accent:#1d4ed8}"), path + "\n" + page);
            assertTrue(page.contains(":root[data-theme=dark]{--accent:#93c5fd}"), path);
            assertTrue(page.contains("@media (prefers-color-scheme: dark){:root:not([data-theme=light])"
                    + "{--accent:#93c5fd}}"), path);
            assertTrue(page.contains("body{font-family:Charter,"), path);
            assertTrue(page.contains(".brand { letter-spacing: 2px }"), path);
            assertTrue(page.indexOf("css/site.css") < page.indexOf("--accent:#1d4ed8"), "after the theme's CSS");
        }
        assertEquals(303, save(admin, Map.of()).statusCode());
        assertFalse(site.get("/").body().contains("<style>"), "nothing added when nothing is set");
    }

    @Test
    void badAndUnreadableColoursAreRefusedNextToTheirField() {
        HttpResponse<String> notAColour = save(admin, Map.of("accentLight", "red"));
        assertEquals(400, notAColour.statusCode());
        assertTrue(notAColour.body().contains("<p class=\"error\" id=\"accent-light-error\" role=\"alert\">Enter a "
                + "colour as # and six hex digits"), notAColour.body());

        HttpResponse<String> pale = save(admin, Map.of("accentLight", "#ffff00", "accentDark", "#222222"));
        assertEquals(400, pale.statusCode());
        assertTrue(pale.body().contains("id=\"accent-light-error\" role=\"alert\">This colour has a contrast of 1.0"),
                pale.body());
        assertTrue(pale.body().contains("id=\"accent-dark-error\" role=\"alert\">This colour has a contrast of"));
        assertTrue(pale.body().contains("value=\"#ffff00\""), "the input is shown again");
        assertFalse(site.get("/").body().contains("#ffff00"), "nothing saved");

        HttpResponse<String> api = admin.json("PUT", "/api/v1/admin/appearance", "{\"accentDark\":\"#000000\"}");
        assertEquals(400, api.statusCode());
        assertEquals("accentDark", new JsonObject(api.body()).getString("field"));
    }

    @Test
    void customCssThatCouldEscapeOrLoadOtherSitesIsRefused() {
        for (String css : new String[] {"a{}</style><script>alert(1)</script>", "a{}</STYLE >",
                "@import url(https://cdn.example/x.css);", "@import '//cdn.example/x.css';", "x".repeat(2001)}) {
            HttpResponse<String> refused = save(admin, Map.of("customCss", css));
            assertEquals(400, refused.statusCode(), css);
            assertTrue(refused.body().contains("id=\"custom-css-error\""), css);
        }
        assertEquals(303, save(admin, Map.of("customCss", "@import \"/local.css\"; a{color:red}")).statusCode(),
                "imports from the site itself are fine");
        assertEquals(400, save(admin, Map.of("font", "Comic Sans")).statusCode());
        assertEquals(303, save(admin, Map.of()).statusCode());
    }

    @Test
    void theLogoAndFaviconAreServedFromVersionedAddresses() throws IOException {
        byte[] png = png(40, 20);
        HttpResponse<String> uploaded = admin.upload("/admin/appearance", "/admin/appearance/logo", "logo", "logo.png",
                "image/png", png);
        assertEquals(303, uploaded.statusCode(), uploaded.body());
        String home = site.get("/").body();
        Matcher logo = Pattern.compile("<a class=\"brand\" href=\"/\"><img src=\"(/appearance/logo-[0-9a-f]{16}\\.png)"
                + "\"").matcher(home);
        assertTrue(logo.find(), home);
        HttpResponse<byte[]> served = admin.getBytes(logo.group(1));
        assertEquals(200, served.statusCode());
        assertArrayEquals(png, served.body());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(served.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));

        assertEquals(303, admin.upload("/admin/appearance", "/admin/appearance/favicon", "favicon", "f.png",
                "image/png", png(16, 16)).statusCode());
        String withFavicon = site.get("/").body();
        assertTrue(withFavicon.indexOf("<link rel=\"icon\" href=\"/appearance/favicon-")
                > withFavicon.indexOf("favicon.svg"), "after the theme's, so browsers take it");

        HttpResponse<String> notImage = admin.upload("/admin/appearance", "/admin/appearance/logo", "logo", "x.png",
                "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notImage.statusCode());
        assertTrue(notImage.body().contains("id=\"logo-error\" role=\"alert\">This is not a PNG"), notImage.body());
        HttpResponse<String> huge = admin.upload("/admin/appearance", "/admin/appearance/favicon", "favicon", "f.png",
                "image/png", new byte[200 * 1024]);
        assertEquals(400, huge.statusCode());
        assertTrue(huge.body().contains("larger than 128 KiB"));
        assertEquals(404, site.get("/appearance/..%2Fdb").statusCode());
        assertTrue(site.get("/").body().contains(logo.group(1)), "the refused uploads changed nothing");

        assertEquals(303, admin.upload("/admin/appearance", "/admin/appearance/logo", Map.of("remove", "yes"), "logo",
                "", "application/octet-stream", new byte[0]).statusCode());
        assertTrue(site.get("/").body().contains("<a class=\"brand\" href=\"/\">Hearth</a>"), "the name again");

        Browser member = member(site, "Nat", false);
        assertEquals(403, member.upload("/latest", "/admin/appearance/logo", "logo", "l.png", "image/png", png)
                .statusCode());
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
