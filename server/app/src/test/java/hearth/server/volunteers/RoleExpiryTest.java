package hearth.server.volunteers;

import static hearth.server.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.SettableClock;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles with an end date, on a clock the test moves: the holder and the admin who granted it are reminded once, 7
 * days before; the powers stop at the end date itself; the expiry task records RoleExpired, tells the member and
 * writes the change; the health page's calendar lists the grant while it is open.
 */
class RoleExpiryTest {

    static final SettableClock CLOCK = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Volunteers fx;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, CLOCK);
        fx = new Volunteers(site);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void remindsSevenDaysBeforeAndEndsOnTheDate() throws Exception {
        Browser admin = Members.member(site, "Expiradmin", "admin");
        Members.member(site, "Vera", "member");
        Members.member(site, "Poster", "member");
        long role = fx.role(admin, "Greeter", true, "discussions.moderate");
        long grant = fx.grant(admin, "Vera", role, "10", "General");
        long topic = fx.topic(Members.logIn(site, "Poster"), "General", "Welcome thread");
        String tools = "/x/moderation/topics/" + topic;
        assertEquals(200, Members.logIn(site, "Vera").get(tools).statusCode());
        assertTrue(admin.get("/x/volunteer-roles/health").body().contains("data-grant=\"" + grant + "\""),
                "on the expiry calendar");
        Volunteers.awaitScheduled(site, "role-expiry");

        CLOCK.advance(Duration.ofDays(2));
        awaitExpiryRun();
        assertEquals(0, reminders(), "8 days before: no reminder yet");

        CLOCK.advance(Duration.ofDays(2));
        awaitExpiryRun();
        eventually("the reminders", () -> reminders() == 2);
        Browser vera = Members.logIn(site, "Vera");
        assertTrue(vera.json("GET", "/api/v1/notifications", null).body().contains("Your role Greeter ends on"));
        assertTrue(Members.logIn(site, "Expiradmin").json("GET", "/api/v1/notifications", null).body()
                .contains("Vera's role Greeter ends on"));
        CLOCK.advance(Duration.ofHours(1));
        awaitExpiryRun();
        assertEquals(2, reminders(), "once only");

        CLOCK.advance(Duration.ofDays(6).plusHours(1));
        vera = Members.logIn(site, "Vera");
        assertEquals(403, vera.get(tools).statusCode(), "the powers end on the date, before the task runs");
        awaitExpiryRun();
        eventually("the grant ended", () -> "expired".equals(Sql.value(site.database(),
                "SELECT end_kind FROM volunteer_roles_grants WHERE id = ?", grant)));
        eventually("RoleExpired in the journal", () -> fx.number(
                "SELECT COUNT(*) FROM journal WHERE event_type = 'RoleExpired'") == 1);
        assertTrue(vera.json("GET", "/api/v1/notifications", null).body().contains("Your role Greeter has ended"));
        assertEquals(1, fx.number("SELECT COUNT(*) FROM volunteer_roles_changes WHERE action = 'expired'"));
        assertFalse(site.get("/x/volunteer-roles/team").body().contains("/u/Vera"));
    }

    /** Waits until the expiry task has run at the clock's current time. */
    private static void awaitExpiryRun() throws InterruptedException {
        Instant now = CLOCK.instant();
        eventually("the role-expiry task ran", () -> {
            String finished = Sql.value(site.database(), "SELECT last_finished_at FROM scheduled_tasks"
                    + " WHERE task_id LIKE '%role-expiry%'");
            return finished != null && !Timestamp.valueOf(finished).toLocalDateTime().toInstant(ZoneOffset.UTC)
                    .isBefore(now);
        });
    }

    private static long reminders() {
        return fx.number("SELECT COUNT(*) FROM notifications WHERE title LIKE '%role Greeter ends on%'");
    }
}
