package hearth.server.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Chrome;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import hearth.server.testing.Trust;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * axe-core, injected into the real pages in headless Chromium, finds no serious or critical violation on the key pages,
 * for a visitor and for an admin, in light and in dark mode. The same run saves each page at 375 px and 1280 px under
 * {@code target/screenshots/} for review, and fails if a page scrolls sideways at either width or moves while loading.
 */
class AccessibilityTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Map<String, String> pages;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        KeyPages.ensureAdmin(site);
        pages = KeyPages.of(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void visitorsPagesHaveNoSeriousViolations() {
        try (Chrome chrome = Chrome.open(site)) {
            List<String> problems = new ArrayList<>();
            for (String name : List.of("home", "topic-list", "topic", "profile", "event", "sign-up")) {
                check(chrome, "visitor-" + name, pages.get(name), problems);
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void adminsPagesHaveNoSeriousViolations() {
        try (Chrome chrome = Chrome.open(site)) {
            KeyPages.logIn(chrome, KeyPages.ADMIN);
            List<String> problems = new ArrayList<>();
            for (String name : List.of("admin", "home", "topic-list", "topic", "profile", "event", "events")) {
                check(chrome, "admin-" + name, pages.get(name), problems);
            }
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void moderatorsPagesHaveNoSeriousViolations() {
        String topic = pages.get("topic");
        String topicId = topic.substring(topic.lastIndexOf('/') + 1);
        try (Chrome chrome = Chrome.open(site)) {
            KeyPages.logIn(chrome, KeyPages.ADMIN);
            List<String> problems = new ArrayList<>();
            Map<String, String> moderation = new LinkedHashMap<>();
            moderation.put("review", "/x/moderation/review");
            moderation.put("review-item", "/x/moderation/review/" + flaggedItem(topicId));
            moderation.put("topic-tools", "/x/moderation/topics/" + topicId);
            moderation.put("member", "/x/moderation/members/sofia");
            moderation.put("audit", "/x/moderation/audit");
            moderation.put("words", "/x/moderation/words");
            moderation.put("crisis", "/x/moderation/crisis");
            moderation.put("moderation-admin", "/admin/x/moderation/");
            moderation.forEach((name, path) -> check(chrome, "moderation-" + name, path, problems));
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void volunteerRolesPagesHaveNoSeriousViolations() {
        KeyPages.volunteerRole(Members.logIn(site, KeyPages.ADMIN));
        try (Chrome chrome = Chrome.open(site)) {
            KeyPages.logIn(chrome, KeyPages.ADMIN);
            List<String> problems = new ArrayList<>();
            Map<String, String> volunteers = new LinkedHashMap<>();
            volunteers.put("admin", "/admin/x/volunteer-roles/");
            volunteers.put("role-form", "/admin/x/volunteer-roles/roles/new");
            volunteers.put("team", "/x/volunteer-roles/team");
            volunteers.put("trust", "/x/volunteer-roles/trust/" + KeyPages.ADMIN);
            volunteers.put("health", "/x/volunteer-roles/health");
            volunteers.forEach((name, path) -> check(chrome, "volunteers-" + name, path, problems));
            assertEquals(List.of(), problems);
        }
    }

    /** Flags the topic's opening post as a member would; returns the review queue item it opened. */
    private static String flaggedItem(String topicId) {
        Trust.letNewcomersFlag(Members.logIn(site, KeyPages.ADMIN));
        Browser flagger = Members.member(site, "Flagwren", "member");
        String postId = Sql.value(site.database(), "SELECT id FROM posts WHERE topic_id = ? AND post_number = 1",
                Long.parseLong(topicId));
        HttpResponse<String> flagged = flagger.json("POST", "/api/v1/x/moderation/flags",
                "{\"kind\": \"post\", \"id\": " + postId + ", \"reason\": \"other\", \"text\": \"Looks like an"
                        + " advert for a garden centre\"}");
        assertEquals(201, flagged.statusCode(), flagged.body());
        return flagged.body().replaceAll("(?s).*\"itemId\":(\\d+).*", "$1");
    }

    @Test
    void keyPagesDoNotShiftWhileTheyLoad() {
        try (Chrome chrome = Chrome.open(site)) {
            KeyPages.logIn(chrome, KeyPages.ADMIN);
            // A slow machine (a busy CI runner, an old phone) is where late layout changes show.
            chrome.slowDown(6);
            List<String> shifts = new ArrayList<>();
            for (int width : new int[] {375, 1280}) {
                chrome.width(width);
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    Chrome.LayoutShift shift = chrome.visit(page.getValue()).layoutShift();
                    if (shift.score() > 0.01) {
                        shifts.add(page.getKey() + " at " + width + " px: " + shift.score() + " (" + shift.moved() + ")");
                    }
                }
            }
            assertEquals(List.of(), shifts, "cumulative layout shift above 0.01");
        }
    }

    private static void check(Chrome chrome, String name, String path, List<String> problems) {
        chrome.visit(path);
        for (String scheme : List.of("light", "dark")) {
            chrome.colourScheme(scheme);
            chrome.seriousAccessibilityViolations().forEach(v -> problems.add(name + " (" + scheme + ") " + v));
        }
        problems.addAll(chrome.colourScheme("light").screenshots(name));
    }
}
