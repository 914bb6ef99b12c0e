package hearth.server.frontend;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Chrome;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** What members do every day, done in real headless Chromium through the default theme's pages. */
class MemberJourneyTest {

    @TempDir
    static Path dataDir;
    static TestSite site;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        KeyPages.ensureAdmin(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void aNewcomerSignsUpConfirmsTheAddressFromTheOutboxAndLogsIn() {
        try (Chrome newcomer = Chrome.open(site); Chrome admin = Chrome.open(site)) {
            newcomer.visit("/signup").type("Username", "petra").type("Email", "petra@example.org")
                    .type("Password", Members.PASSWORD).click("input[name=terms]").press("Create account");
            newcomer.await("signed up", d -> !newcomer.path().startsWith("/signup"));

            KeyPages.logIn(admin, KeyPages.ADMIN);
            admin.visit("/admin/mail");
            // The site's base URL names the configured port (0 here), so the link is followed on the real one.
            Matcher link = Pattern.compile("http://\\S+(/account/verify/\\S+)").matcher(admin.text());
            assertTrue(link.find(), "the confirmation mail is in the outbox:\n" + admin.text());

            newcomer.visit(link.group(1));
            newcomer.awaitText("confirmed");
            assertNotEquals("null", Sql.value(site.database(),
                    "SELECT email_verified_at FROM members WHERE username_key = 'petra'"));

            newcomer.click("details.account-menu summary").press("Log out");
            newcomer.await("logged out", d -> newcomer.all("form[action='/logout']").isEmpty());
            KeyPages.logIn(newcomer, "petra");
            assertFalse(newcomer.all("form[action='/logout']").isEmpty(), "logged in again");
            assertEquals(List.of(), newcomer.visit("/").screenshots("journey-home-member"));
        }
    }

    @Test
    void aMemberStartsATopicAndAnotherSeesTheReplyArriveLiveThenLikesIt() {
        Members.member(site, "rosa", "member");
        Members.member(site, "joan", "member");
        try (Chrome rosa = Chrome.open(site); Chrome joan = Chrome.open(site)) {
            KeyPages.logIn(rosa, "rosa");
            rosa.visit("/new-topic");
            new Select(rosa.field("Category")).selectByVisibleText("General");
            rosa.type("Title", "Which mulch keeps slugs away?").type("Message",
                    "Straw, wool pellets or crushed shells: what worked for you?").press("Start topic");
            rosa.awaitText("Which mulch keeps slugs away?");
            String topic = rosa.path();
            assertTrue(topic.startsWith("/t/"), topic);
            assertEquals(List.of(), rosa.screenshots("journey-topic"));
            rosa.script("window.stillTheSamePage = true");

            KeyPages.logIn(joan, "joan");
            joan.visit(topic).type("Your reply", "Wool pellets, two years running.").press("Post reply");
            joan.awaitText("Wool pellets, two years running.");

            rosa.awaitText("Wool pellets, two years running.");
            assertEquals(true, rosa.script("return window.stillTheSamePage === true"), "arrived without a reload");

            WebElement like = likeButton(joan, 1);
            assertEquals("false", like.getDomAttribute("aria-pressed"));
            like.click();
            joan.await("the like shows", d -> "true".equals(likeButton(joan, 1).getDomAttribute("aria-pressed")));
            joan.awaitText("1 like");
            eventually("the like is stored", () -> Sql.value(site.database(), "SELECT COUNT(*) FROM post_likes l"
                    + " JOIN posts p ON p.id = l.post_id WHERE p.topic_id = ?", topicId(topic)).equals("1"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void membersAnswerAnEventAndTheSecondJoinsTheWaitlist() {
        Browser host = Members.member(site, "hana", "moderator");
        Members.member(site, "ivo", "member");
        Members.member(site, "lena", "member");
        HttpResponse<String> created = host.json("POST", "/api/v1/events", new JsonObject()
                .put("title", "Pruning workshop").put("description", "Bring *secateurs*.")
                .put("category", Sql.value(site.database(), "SELECT slug FROM categories WHERE name = 'Events & Meetups'"))
                .put("startsAt", Instant.now().plus(Duration.ofDays(9)).toString())
                .put("endsAt", Instant.now().plus(Duration.ofDays(9)).plus(Duration.ofHours(2)).toString())
                .put("timeZone", "Europe/Berlin").put("venue", "Orchard gate").put("capacity", 1).encode());
        assertEquals(201, created.statusCode(), created.body());
        String event = "/events/" + new JsonObject(created.body()).getLong("id");

        try (Chrome ivo = Chrome.open(site); Chrome lena = Chrome.open(site)) {
            KeyPages.logIn(ivo, "ivo");
            ivo.visit(event).press("Going");
            ivo.awaitText("You are going");

            KeyPages.logIn(lena, "lena");
            lena.visit(event).press("Join the waitlist");
            lena.awaitText("You are on the waitlist: number 1 in line");
            assertEquals(List.of(), lena.screenshots("journey-event-waitlist"));
        }
    }

    @Test
    void aMemberSwitchesToDarkModeAndItStays() {
        Members.member(site, "noor", "member");
        try (Chrome noor = Chrome.open(site)) {
            KeyPages.logIn(noor, "noor");
            noor.colourScheme("light").visit("/account/preferences");
            String light = background(noor);
            noor.click("input[name=theme][value=dark]");
            noor.find("input[name=theme][value=dark]").submit();
            noor.await("dark pages", d -> "dark".equals(noor.find("html").getDomAttribute("data-theme")));
            noor.visit("/latest");
            assertEquals("dark", noor.find("html").getDomAttribute("data-theme"));
            assertNotEquals(light, background(noor), "the page is drawn dark although the system is light");
            assertEquals(List.of(), noor.screenshots("journey-dark-mode"));
        }
    }

    @Test
    void aMemberRepliesWithTheKeyboardAlone() {
        Members.member(site, "kai", "member");
        String topic = KeyPages.topicPath(site, "What are you growing this year?");
        try (Chrome kai = Chrome.open(site)) {
            KeyPages.logIn(kai, "kai");
            kai.visit(topic);
            WebElement skip = kai.tabTo("a.skip", 3);
            assertTrue(skip.isDisplayed(), "the skip link shows when it has the focus");
            kai.keys(Keys.ENTER);

            WebElement composer = kai.tabTo("textarea[name=body]", 80);
            kai.keys("Runner beans up the old fence, typed without a mouse.");
            assertEquals("Runner beans up the old fence, typed without a mouse.", composer.getDomProperty("value"));
            WebElement submit = kai.tabTo("button[type=submit].primary", 10);
            assertNotEquals("none", submit.getCssValue("outline-style"), "the focused button shows its focus");
            kai.keys(Keys.ENTER);
            kai.awaitText("Runner beans up the old fence, typed without a mouse.");
            assertEquals("1", Sql.value(site.database(), "SELECT COUNT(*) FROM posts WHERE body_markdown = ?",
                    "Runner beans up the old fence, typed without a mouse."));
        }
    }

    private static WebElement likeButton(Chrome chrome, int postNumber) {
        return chrome.find("#post-" + postNumber + " form.like button");
    }

    private static String background(Chrome chrome) {
        return (String) chrome.script("return getComputedStyle(document.body).backgroundColor");
    }

    private static long topicId(String topicPath) {
        return Long.parseLong(topicPath.substring(topicPath.lastIndexOf('/') + 1).replaceAll("[^0-9].*$", ""));
    }
}
