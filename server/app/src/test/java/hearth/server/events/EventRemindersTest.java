package hearth.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.Hearth;
import hearth.server.access.SitePermissions;
import hearth.server.config.ConfigLoader;
import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import hearth.server.discussions.CategoryGrants;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.discussions.Markdown;
import hearth.server.mail.MailSender;
import hearth.server.mail.Mailer;
import hearth.server.notifications.MemberNotifications;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.Contribution.PermissionSpec;
import hearth.server.plugins.PluginFaults;
import hearth.server.site.SiteSettings;
import hearth.server.testing.Browser;
import hearth.server.testing.SettableClock;
import hearth.server.testing.TestSite;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders and no-shows with a clock the test moves: each reminder goes out once (in-app and by email), also when
 * the feature runs again after a restart; the shortest due lead wins; members who were going but never checked in
 * become no-shows once the event is over.
 */
class EventRemindersTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Community community;
    static Vertx vertx = Vertx.vertx();
    static List<Database> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir);
        community = new Community(site);
    }

    @AfterAll
    static void stop() {
        opened.forEach(Database::close);
        vertx.close().await();
        site.close();
    }

    /** The events feature as a (re)started node would build it, on the site's database, with {@code clock}. */
    private static EventsFeature node(SettableClock clock) {
        List<String> flags = new ArrayList<>(List.of("--data-dir", dataDir.resolve("node" + opened.size()).toString()));
        flags.addAll(site.database().flags());
        HearthConfig config = ConfigLoader.load(flags, Map.of());
        Database db = Hearth.openDatabase(config, vertx, clock);
        opened.add(db);
        CategoryGrants grants = new CategoryGrants(db);
        grants.reload();
        Map<String, PermissionSpec> core = new HashMap<>(DiscussionPermissions.defaults());
        core.putAll(EventPermissions.defaults());
        SitePermissions permissions = new SitePermissions(new ActivePlugins(), new PluginFaults(clock), core,
                List.of(grants));
        Mailer mailer = new Mailer(db, clock, new MailSender(db, vertx, config.smtp(), clock,
                MailSender.Timing.DEFAULT));
        return new EventsFeature(new EventsFeature.Needs(db, clock, new Markdown(), permissions, grants,
                new MemberNotifications(clock), mailer, new SiteSettings(db, clock), null,
                URI.create("https://garden.example.org")));
    }

    private static long reminders(long eventId) {
        return community.number("SELECT COUNT(*) FROM notifications WHERE kind = 'event' AND url = ? "
                + "AND title LIKE 'Reminder:%'", "/events/" + eventId);
    }

    private static long mails(String title) {
        return community.number("SELECT COUNT(*) FROM mail_outbox WHERE subject = ?", "Reminder: " + title);
    }

    @Test
    void eachReminderGoesOutOnceAlsoAfterARestartAndNoShowsAreRecorded() {
        Browser host = community.member("Remindhost", "moderator");
        Browser going = community.member("Goer", "member");
        Browser keen = community.member("Keen", "member");
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES);
        long id = Community.create(host, community.event("Seed library opening", start));
        going.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}");
        keen.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"interested\"}");

        SettableClock clock = new SettableClock(start.minus(Duration.ofDays(2)));
        EventsFeature node = node(clock);
        node.runDue();
        assertEquals(0, reminders(id), "nothing is due two days ahead");

        clock.advance(Duration.ofHours(25)); // 23 hours before the start: the day-ahead reminder
        node.runDue();
        node.runDue();
        assertEquals(2, reminders(id));
        assertEquals(2, mails("Seed library opening"));

        EventsFeature restarted = node(clock);
        restarted.runDue();
        assertEquals(2, reminders(id), "a restart sends nothing again");

        clock.advance(Duration.ofHours(22).plusMinutes(30)); // 30 minutes before: the hour-ahead reminder
        restarted.runDue();
        node.runDue();
        assertEquals(4, reminders(id));
        assertEquals(4, mails("Seed library opening"));
        assertEquals(4, community.number("SELECT COUNT(*) FROM event_reminders_sent WHERE event_id = ?", id));

        clock.advance(Duration.ofHours(3)); // over: the member who was going never checked in
        node.runDue();
        assertEquals(1, community.number("SELECT COUNT(*) FROM event_rsvps WHERE event_id = ? AND no_show = TRUE",
                id));
    }

    @Test
    void aMemberWhoAnswersLateGetsOnlyTheShortestDueReminder() {
        Browser host = community.member("Latehost", "moderator");
        Browser late = community.member("Latecomer", "member");
        Instant start = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MINUTES);
        long id = Community.create(host, community.event("Late answers", start));
        late.json("PUT", "/api/v1/events/" + id + "/rsvp", "{\"status\": \"going\"}");
        SettableClock clock = new SettableClock(start.minus(Duration.ofMinutes(40)));
        node(clock).runDue();
        assertEquals(1, reminders(id));
        assertEquals(1, community.number("SELECT COUNT(*) FROM event_reminders_sent WHERE event_id = ? "
                + "AND lead_minutes = 60", id));
    }
}
