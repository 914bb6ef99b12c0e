package hearth.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The member directory at /members: sorting, prefix search, pages, and privacy in the list. */
class MemberDirectoryTest {

    private static final Instant BASE = Instant.parse("2099-01-01T00:00:00Z"); // after the real members
    private static final Pattern ROW = Pattern.compile("<tr class=\"member\" data-username=\"([^\"]+)\">");

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community people;
    static Browser moderator;
    static Browser member;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        people = new Community(site);
        people.signUp("Founder");
        moderator = people.staff("Tomas", "moderator");
        member = people.signUp("Looker");
        // dir01 joined first and was seen longest ago ... dir40 joined last and was seen most recently.
        for (int i = 1; i <= 40; i++) {
            people.member(String.format("dir%02d", i), "Directory Person " + i, BASE.plus(i, ChronoUnit.DAYS),
                    BASE.plus(100 + i, ChronoUnit.DAYS));
        }
        people.member("Robert", "Bob", BASE, null);
        people.member("wren", "Robin Wren", BASE, null);
        long shadow = people.member("shadow", "Robin Hidden", BASE, BASE.plus(400, ChronoUnit.DAYS));
        people.execute("UPDATE members SET profile_hidden = TRUE WHERE id = ?", shadow);
        long ghost = people.member("ghost", "Gus Ghost", BASE, BASE.plus(500, ChronoUnit.DAYS));
        people.execute("UPDATE members SET presence_hidden = TRUE WHERE id = ?", ghost);
        long poster = people.member("poster", "Pat Poster", BASE, null);
        long writer = people.member("writer", "Wyn Writer", BASE, null);
        long topic = people.topic(poster, "Hello", "hello", BASE);
        people.reply(topic, poster, BASE.plus(1, ChronoUnit.HOURS));
        people.reply(topic, poster, BASE.plus(2, ChronoUnit.HOURS));
        people.reply(topic, writer, BASE.plus(3, ChronoUnit.HOURS));
        people.reply(topic, writer, BASE.plus(4, ChronoUnit.HOURS));
        for (int i = 0; i < 5; i++) {
            people.reply(topic, shadow, BASE.plus(5 + i, ChronoUnit.HOURS));
        }
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    private static List<String> usernames(String html) {
        List<String> names = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String row(String html, String username) {
        int start = html.indexOf("data-username=\"" + username + "\"");
        assertTrue(start >= 0, username + " is listed:\n" + html);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void thirtyMembersAPageWithNextAndPreviousLinksAndNoOverlap() {
        HttpResponse<String> first = new Browser(site).get("/members?q=dir&sort=joined");
        assertEquals(200, first.statusCode());
        List<String> page1 = usernames(first.body());
        assertEquals(30, page1.size(), first.body());
        assertEquals("dir40", page1.getFirst(), "newest first");
        assertTrue(first.body().contains("<a rel=\"next\" href=\"/members?sort=joined&amp;q=dir&amp;page=2\">Next</a>"),
                first.body());
        assertFalse(first.body().contains("rel=\"prev\""));

        HttpResponse<String> second = new Browser(site).get("/members?sort=joined&q=dir&page=2");
        List<String> page2 = usernames(second.body());
        assertEquals(10, page2.size());
        assertEquals("dir01", page2.getLast());
        assertTrue(second.body().contains("<a rel=\"prev\" href=\"/members?sort=joined&amp;q=dir\">Previous</a>"),
                second.body());
        assertFalse(second.body().contains("rel=\"next\""));
        HashSet<String> all = new HashSet<>(page1);
        all.addAll(page2);
        assertEquals(40, all.size(), "every member once");

        // Equal keys (no likes yet: all 0) still page stably, by id.
        List<String> likes = new ArrayList<>(usernames(new Browser(site).get("/members?q=dir&sort=likes").body()));
        likes.addAll(usernames(new Browser(site).get("/members?q=dir&sort=likes&page=2").body()));
        assertEquals(40, new HashSet<>(likes).size());
        assertEquals("dir01", likes.getFirst());
        assertEquals("dir40", likes.getLast());
        assertTrue(usernames(new Browser(site).get("/members?q=dir&page=3").body()).isEmpty());
    }

    @Test
    void sortsByPostsAndLastSeenWithoutRevealingWhatIsHidden() {
        List<String> byPosts = usernames(new Browser(site).get("/members?sort=posts").body());
        assertEquals(List.of("poster", "writer"), byPosts.subList(0, 2), byPosts.toString());
        assertTrue(row(new Browser(site).get("/members?sort=posts").body(), "poster")
                .contains("<td class=\"posts\">3</td>"));
        assertFalse(byPosts.subList(0, 10).contains("shadow"), "a private member's posts do not lift them");
        assertEquals("shadow", usernames(moderator.get("/members?sort=posts").body()).getFirst(), "staff see all");

        String bySeen = new Browser(site).get("/members?sort=last_seen").body();
        List<String> seen = usernames(bySeen);
        assertEquals("dir40", seen.getFirst(), seen.toString());
        assertFalse(seen.subList(0, 30).contains("ghost"), "hidden presence sorts with the never-seen");
        String ghostRow = row(new Browser(site).get("/members?q=ghost").body(), "ghost");
        assertTrue(ghostRow.contains("<td class=\"last-seen\">Hidden</td>"), ghostRow);
        assertTrue(row(bySeen, "dir40").contains("<td class=\"last-seen\"><time datetime=\"2099-05-21T00:00:00Z\">"),
                row(bySeen, "dir40"));
        assertEquals(List.of("ghost", "shadow", "dir40"),
                usernames(moderator.get("/members?sort=last_seen").body()).subList(0, 3));
        assertTrue(row(moderator.get("/members?q=ghost").body(), "ghost").contains("<time datetime="));
    }

    @Test
    void searchFindsUsernameOrDisplayNamePrefixesInAnyCase() {
        assertEquals(List.of("Robert", "wren"), usernames(new Browser(site).get("/members?q=ROB&sort=likes").body()));
        assertEquals(List.of("Robert", "wren"), usernames(member.get("/members?q=rob&sort=likes").body()),
                "a private member is not found by the display name they hide");
        assertEquals(List.of("Robert", "wren", "shadow"),
                usernames(moderator.get("/members?q=rob&sort=likes").body()));
        assertEquals(List.of("wren"), usernames(new Browser(site).get("/members?q=Robin+W").body()));
        assertTrue(usernames(new Browser(site).get("/members?q=obert").body()).isEmpty(), "prefixes only");

        String privateRow = row(new Browser(site).get("/members?q=sha").body(), "shadow");
        assertTrue(privateRow.contains("<a href=\"/u/shadow\">@shadow</a> <span class=\"private\">(private)</span>"),
                privateRow);
        assertFalse(privateRow.contains("Robin Hidden"), privateRow);
        assertTrue(row(moderator.get("/members?q=sha").body(), "shadow").contains("Robin Hidden"));

        // Wildcards are matched literally.
        String percent = new Browser(site).get("/members?q=%25").body();
        assertTrue(usernames(percent).isEmpty() && percent.contains("No members match."), percent);
        assertTrue(usernames(new Browser(site).get("/members?q=d_r").body()).isEmpty());
        assertTrue(usernames(new Browser(site).get("/members?q=%5C").body()).isEmpty());
        assertTrue(new Browser(site).get("/members?q=dir").body().contains("<input id=\"q\" name=\"q\" type=\"text\" "
                + "value=\"dir\">"), "the search box keeps the search");
    }

    @Test
    void badParametersAreExplainedNotCrashedOn() {
        HttpResponse<String> sort = new Browser(site).get("/members?sort=shoe-size");
        assertEquals(400, sort.statusCode());
        assertTrue(sort.body().contains("id=\"sort-error\" role=\"alert\">Sort by joined, posts, likes or last_seen."),
                sort.body());
        for (String page : List.of("0", "-1", "abc", "99999999999", "100001")) {
            HttpResponse<String> response = new Browser(site).get("/members?page=" + page);
            assertEquals(400, response.statusCode(), page);
            assertTrue(response.body().contains("id=\"page-error\" role=\"alert\">Pages are numbered from 1"), page);
        }
        HttpResponse<String> longQuery = new Browser(site).get("/members?q=" + "a".repeat(61));
        assertEquals(400, longQuery.statusCode());
        assertTrue(longQuery.body().contains("id=\"q-error\" role=\"alert\">Search for at most 60 characters."));
        assertEquals(200, new Browser(site).get("/members?page=100000").statusCode(), "far pages are just empty");
    }
}
