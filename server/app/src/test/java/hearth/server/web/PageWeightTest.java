package hearth.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.TestSite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages of the demo community stay light and self-contained, and every page has the same skeleton for assistive
 * technology: a skip link to the main content, the landmarks, one h1, no id twice; and no attribute the Nu HTML
 * Checker would refuse (htmx's own are written data-hx-*).
 */
class PageWeightTest {

    /** Everything a topic page needs, each file gzipped as it travels. */
    static final int BUDGET_BYTES = 100 * 1024;
    static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"");
    static final Pattern STYLESHEET = Pattern.compile("<link\\b(?=[^>]*\\brel=\"stylesheet\")[^>]*\\bhref=\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");
    /** htmx reads data-hx-* as well; only those are valid HTML (the pages pass the Nu HTML Checker). */
    static final Pattern INVALID_ATTRIBUTE = Pattern.compile("\\s(hx|sse)-[a-z]+=");
    /** HTML's dates allow at most milliseconds. */
    static final Pattern INVALID_DATETIME = Pattern.compile("datetime=\"[^\"]*\\.\\d{4,}");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static String topic;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir); // with the demo community
        Matcher first = Pattern.compile("href=\"(/t/[^\"#?]+)\"").matcher(site.get("/").body());
        assertTrue(first.find(), "the demo community has topics");
        topic = first.group(1);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aTopicPageWithItsStylesAndScriptsIsUnder100KbGzipped() {
        HttpResponse<String> page = site.get(topic);
        assertEquals(200, page.statusCode());
        List<String> assets = new ArrayList<>();
        for (Pattern reference : List.of(SCRIPT, STYLESHEET)) {
            Matcher m = reference.matcher(page.body());
            while (m.find()) {
                String url = m.group(1);
                assertTrue(url.startsWith("/") && !url.startsWith("//"),
                        "scripts and stylesheets come from the site itself, not " + url);
                assets.add(url);
            }
        }
        assertTrue(assets.stream().anyMatch(a -> a.endsWith("/site.css")), assets.toString());
        assertTrue(assets.stream().anyMatch(a -> a.endsWith("/site.js")), assets.toString());
        long total = gzipped(page.body().getBytes(StandardCharsets.UTF_8));
        StringBuilder sizes = new StringBuilder("page " + total);
        for (String asset : assets) {
            HttpResponse<byte[]> file = new Browser(site).getBytes(asset);
            assertEquals(200, file.statusCode(), asset);
            long size = gzipped(file.body());
            sizes.append(", ").append(asset).append(' ').append(size);
            total += size;
        }
        assertTrue(total < BUDGET_BYTES, "gzipped bytes: " + total + " (" + sizes + ")");
    }

    @Test
    void visitorsPagesHaveASkipLinkLandmarksAndOneHeading() {
        for (String path : List.of("/", "/latest", topic, "/events", "/members", "/search", "/login", "/signup",
                "/tags")) {
            assertSkeleton(path, site.get(path).body());
        }
    }

    @Test
    void membersPagesHaveThemToo() {
        Browser member = Members.member(site, "Skeletal", false);
        for (String path : List.of("/", topic, "/new-topic", "/u/Skeletal", "/account/preferences", "/bookmarks",
                "/notifications", "/messages")) {
            HttpResponse<String> page = member.get(path);
            assertEquals(200, page.statusCode(), path);
            assertSkeleton(path, page.body());
        }
    }

    static void assertSkeleton(String path, String html) {
        assertTrue(html.contains("<a class=\"skip\" href=\"#main\">"), path + ": skip link");
        assertTrue(html.indexOf("<a class=\"skip\"") < html.indexOf("<header"), path + ": skip link comes first");
        assertTrue(html.contains("<main id=\"main\""), path + ": main");
        assertTrue(html.contains("<header class=\"site-header\""), path + ": banner");
        assertTrue(html.contains("<nav "), path + ": navigation");
        assertTrue(html.contains("<footer class=\"site-footer\""), path + ": footer");
        assertEquals(1, count(html, "<h1"), path + ": one h1");
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), path + ": id " + m.group(1) + " twice");
        }
        assertFalse(html.contains("<html>"), path + ": the page says its language");
        Matcher attribute = INVALID_ATTRIBUTE.matcher(html);
        assertFalse(attribute.find(), () -> path + ": not valid HTML, use data-" + attribute.group().strip());
        assertFalse(INVALID_DATETIME.matcher(html).find(), path + ": a datetime with more than milliseconds");
    }

    static int count(String html, String what) {
        int n = 0;
        for (int i = html.indexOf(what); i >= 0; i = html.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static long gzipped(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}
