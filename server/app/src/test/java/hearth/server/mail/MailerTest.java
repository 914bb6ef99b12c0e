package hearth.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import hearth.server.db.EventCodec;
import hearth.server.db.Journal;
import hearth.server.db.Migrations;
import hearth.server.testing.TestDatabase;
import io.vertx.core.Vertx;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The outbox and its sender on the real database (H2 or MariaDB) against a real SMTP server (GreenMail). */
class MailerTest {

    static final String FROM = "hearth@example.org";
    /** Fast retries for tests; the poll is long, so prompt delivery can only come from the after-commit wake-up. */
    static final MailSender.Timing WAKE_ONLY = new MailSender.Timing(Duration.ofMinutes(5), Duration.ofMillis(200),
            Duration.ofMillis(800), 25, Duration.ofSeconds(10));
    static final MailSender.Timing FAST = new MailSender.Timing(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(800), 25, Duration.ofSeconds(10));

    @RegisterExtension
    final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    TestDatabase testDb;
    Vertx vertx;
    Database db;
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() {
        testDb = TestDatabase.fresh(dir);
        vertx = Vertx.vertx();
        db = Database.open(new HearthConfig.Db(testDb.directUrl(), testDb.user(), "", 8), vertx,
                new Journal(new EventCodec(), Clock.systemUTC()));
        new Migrations("schema_history", Migrations.fromClasspath(getClass().getClassLoader(), "db/migration"),
                db.dialect(), Clock.systemUTC()).apply(db.dataSource());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        db.close();
        vertx.close().await();
        testDb.close();
    }

    @Test
    void aQueuedMailIsSentRightAfterCommitWithItsAddressesSubjectAndBody() throws Exception {
        MailSender sender = started(smtpAt(smtp.getSmtp().getPort()), WAKE_ONLY);
        Mailer mailer = new Mailer(db, Clock.systemUTC(), sender);

        String body = "Hallo Zoë,\n\nplease confirm your address: https://hearth.example.org/confirm/abc123\n\n"
                + ".a line starting with a dot\n— Hearth";
        long id = db.transaction(tx -> mailer.queue(tx, new Mail("zoe@example.org", "Willkommen, Zoë ✓", body)));

        assertTrue(smtp.waitForIncomingEmail(5_000, 1), "delivered without waiting for the 5-minute poll");
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertEquals(List.of(new InternetAddress(FROM)), Arrays.asList(received.getFrom()));
        assertEquals(List.of(new InternetAddress("zoe@example.org")),
                Arrays.asList(received.getRecipients(Message.RecipientType.TO)));
        assertEquals("Willkommen, Zoë ✓", received.getSubject());
        assertEquals(body, ((String) received.getContent()).replace("\r\n", "\n").stripTrailing());

        OutboxEntry entry = await(() -> only(mailer).sent(), mailer);
        assertEquals(id, entry.id());
        assertEquals(1, entry.attempts());
        assertNull(entry.lastError());
        assertFalse(entry.sentAt().isBefore(entry.createdAt()));
    }

    @Test
    void aTransactionThatRollsBackLeavesNoMail() throws Exception {
        MailSender sender = started(smtpAt(smtp.getSmtp().getPort()), FAST);
        Mailer mailer = new Mailer(db, Clock.systemUTC(), sender);

        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> db.transaction(tx -> {
            mailer.queue(tx, new Mail("zoe@example.org", "Welcome", "Hello"));
            throw new IllegalStateException("the sign-up failed after queueing its mail");
        }));
        assertEquals("the sign-up failed after queueing its mail", failed.getMessage());

        sender.wake();
        Thread.sleep(500);
        assertEquals(List.of(), mailer.recent(10).await());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    @Test
    void withoutSmtpMailStaysInTheOutboxUnsent() throws Exception {
        MailSender sender = started(new HearthConfig.Smtp("", 587, "", "", FROM, "starttls"), FAST);
        assertFalse(sender.configured());
        Mailer mailer = new Mailer(db, Clock.systemUTC(), sender);

        db.transaction(tx -> mailer.queue(tx, new Mail("zoe@example.org", "Welcome", "Hello Zoë")));
        Thread.sleep(400);

        OutboxEntry entry = only(mailer);
        assertFalse(entry.sent());
        assertEquals(0, entry.attempts());
        assertNull(entry.lastError());
        assertEquals("zoe@example.org", entry.to());
        assertEquals("Welcome", entry.subject());
        assertEquals("Hello Zoë", entry.bodyText());
        assertNotNull(entry.createdAt());
    }

    @Test
    void whileTheSmtpServerIsDownAttemptsAndTheErrorAreRecordedThenTheMailGoesOutWhenItIsUp() throws Exception {
        int port = freePort();
        GreenMail later = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        toClose.add(later::stop);
        MailSender sender = started(smtpAt(port), FAST);
        Mailer mailer = new Mailer(db, Clock.systemUTC(), sender);

        db.transaction(tx -> mailer.queue(tx, new Mail("zoe@example.org", "Welcome", "Hello")));

        OutboxEntry failing = await(() -> only(mailer).attempts() >= 2, mailer);
        assertFalse(failing.sent());
        assertNotNull(failing.lastError());
        assertTrue(failing.lastError().toLowerCase().contains("refused"), failing.lastError());
        assertTrue(failing.nextAttemptAt().isAfter(failing.createdAt()), "the next attempt waits");

        later.start();
        assertTrue(later.waitForIncomingEmail(10_000, 1), "delivered once the server is up");
        OutboxEntry sent = await(() -> only(mailer).sent(), mailer);
        assertTrue(sent.attempts() >= 3, "attempts: " + sent.attempts());
        assertTrue(sent.lastError().toLowerCase().contains("refused"), "the last failure stays visible to admins");
        assertEquals("Welcome", later.getReceivedMessages()[0].getSubject());
    }

    @Test
    void aMailThatKeepsFailingIsLeftInTheOutboxAfterItsLastAttempt() throws Exception {
        MailSender.Timing threeTries = new MailSender.Timing(Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ofMillis(100), 3, Duration.ofSeconds(5));
        MailSender sender = started(smtpAt(freePort()), threeTries);
        Mailer mailer = new Mailer(db, Clock.systemUTC(), sender);

        db.transaction(tx -> mailer.queue(tx, new Mail("zoe@example.org", "Welcome", "Hello")));

        await(() -> only(mailer).attempts() == 3, mailer);
        Thread.sleep(600);
        OutboxEntry entry = only(mailer);
        assertEquals(3, entry.attempts(), "no attempt after the last one");
        assertFalse(entry.sent());
        assertNotNull(entry.lastError());
    }

    @Test
    void mailLeftInTheOutboxBeforeAStartIsSentOnStart() throws Exception {
        MailSender notYet = new MailSender(db, vertx, smtpAt(smtp.getSmtp().getPort()), Clock.systemUTC(), WAKE_ONLY);
        Mailer mailer = new Mailer(db, Clock.systemUTC(), notYet);
        db.transaction(tx -> mailer.queue(tx, new Mail("zoe@example.org", "Queued before the restart", "Hello")));
        assertFalse(only(mailer).sent());

        MailSender restarted = started(smtpAt(smtp.getSmtp().getPort()), WAKE_ONLY);
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        assertEquals("Queued before the restart", smtp.getReceivedMessages()[0].getSubject());
        await(() -> only(new Mailer(db, Clock.systemUTC(), restarted)).sent(), mailer);
    }

    @Test
    void twoSendersOnOneOutboxNeverSendAMailTwice() throws Exception {
        MailSender one = started(smtpAt(smtp.getSmtp().getPort()), FAST);
        MailSender two = started(smtpAt(smtp.getSmtp().getPort()), FAST);
        Mailer viaOne = new Mailer(db, Clock.systemUTC(), one);
        Mailer viaTwo = new Mailer(db, Clock.systemUTC(), two);

        int count = 30;
        for (int i = 0; i < count; i++) {
            Mailer mailer = i % 2 == 0 ? viaOne : viaTwo;
            int n = i;
            db.transaction(tx -> mailer.queue(tx, new Mail("member" + n + "@example.org", "Mail " + n, "Body " + n)));
        }

        assertTrue(smtp.waitForIncomingEmail(15_000, count));
        await(() -> viaOne.recent(100).await().stream().allMatch(OutboxEntry::sent), viaOne);
        Thread.sleep(500);
        MimeMessage[] received = smtp.getReceivedMessages();
        Set<String> subjects = new HashSet<>();
        for (MimeMessage m : received) {
            subjects.add(m.getSubject());
        }
        assertEquals(count, received.length, "each mail exactly once");
        assertEquals(count, subjects.size());
        assertTrue(viaOne.recent(100).await().stream().allMatch(e -> e.attempts() == 1));
    }

    @Test
    void theSenderLogsInWhenAUserIsConfiguredAndRecordsARefusedLogin() throws Exception {
        smtp.setUser("hearth@example.org", "hearth", "s3cret");
        MailSender sender = started(new HearthConfig.Smtp("127.0.0.1", smtp.getSmtp().getPort(), "hearth", "s3cret",
                FROM, "none"), FAST);
        Mailer mailer = new Mailer(db, Clock.systemUTC(), sender);
        db.transaction(tx -> mailer.queue(tx, new Mail("zoe@example.org", "Welcome", "Hello")));
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        await(() -> only(mailer).sent(), mailer);
        sender.close();

        MailSender wrongPassword = started(new HearthConfig.Smtp("127.0.0.1", smtp.getSmtp().getPort(), "hearth",
                "guess", FROM, "none"), FAST);
        Mailer refused = new Mailer(db, Clock.systemUTC(), wrongPassword);
        db.transaction(tx -> refused.queue(tx, new Mail("bob@example.org", "Refused", "Hello")));
        OutboxEntry failing = await(() -> refused.recent(1).await().getFirst().lastError() != null, refused);
        assertFalse(failing.sent());
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void recentListsTheNewestFirstUpToTheLimit() {
        MailSender sender = started(new HearthConfig.Smtp("", 587, "", "", FROM, "starttls"), FAST);
        Mailer mailer = new Mailer(db, Clock.systemUTC(), sender);
        List<Long> ids = IntStream.range(0, 3).mapToObj(i -> db.transaction(tx ->
                mailer.queue(tx, new Mail("m" + i + "@example.org", "Mail " + i, "Body")))).toList();

        List<OutboxEntry> two = mailer.recent(2).await();
        assertEquals(List.of(ids.get(2), ids.get(1)), two.stream().map(OutboxEntry::id).toList());
        assertEquals("m2@example.org", two.getFirst().to());
        assertEquals(List.of(), mailer.recent(0).await());
        assertEquals(List.of(), mailer.recent(-5).await());
        assertEquals(3, mailer.recent(Integer.MAX_VALUE).await().size());
    }

    // ---- helpers ----

    HearthConfig.Smtp smtpAt(int port) {
        return new HearthConfig.Smtp("127.0.0.1", port, "", "", FROM, "none");
    }

    MailSender started(HearthConfig.Smtp config, MailSender.Timing timing) {
        MailSender sender = new MailSender(db, vertx, config, Clock.systemUTC(), timing);
        toClose.add(sender);
        sender.start();
        return sender;
    }

    static OutboxEntry only(Mailer mailer) {
        List<OutboxEntry> all = mailer.recent(10).await();
        assertEquals(1, all.size(), "one mail in the outbox: " + all);
        return all.getFirst();
    }

    static OutboxEntry await(BooleanSupplier condition, Mailer mailer) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out; outbox: " + mailer.recent(10).await());
            }
            Thread.sleep(25);
        }
        List<OutboxEntry> all = mailer.recent(1).await();
        return all.isEmpty() ? null : all.getFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
