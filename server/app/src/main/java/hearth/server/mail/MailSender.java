package hearth.server.mail;

import hearth.server.config.HearthConfig;
import hearth.server.db.Database;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. One virtual thread loops: send every mail that is due, then sleep until {@link #wake()} or
 * the next poll. {@link Mailer#queue} wakes it when the transaction that queued a mail commits, so mail leaves
 * at once; the poll is the safety net that also picks up retries as they come due, mail queued by other nodes and
 * mail left over from before a restart. The outbox table is the only state, so nothing is lost in a crash.
 *
 * <p>Each attempt is first claimed in the database ({@link MailOutbox#claim}), which counts it and schedules the
 * next one with growing back-off, then sent; success sets {@code sent_at}, failure records {@code last_error}. A
 * mail that fails {@code maxAttempts} times stays unsent in the outbox for admins. Delivery is at least once: a
 * crash between the server's "accepted" and {@code sent_at} being written sends that mail again later.
 *
 * <p>Without SMTP (an empty host) nothing is sent and mail stays in the outbox for admins to read.
 */
public final class MailSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    private static final int BATCH = 50;

    /**
     * {@code poll}: how often to look without being woken; retries wait {@code firstRetry}, doubling up to
     * {@code maxRetry}; after {@code maxAttempts} failures a mail is left alone; one send may take {@code sendTimeout}.
     */
    public record Timing(Duration poll, Duration firstRetry, Duration maxRetry, int maxAttempts, Duration sendTimeout) {
        /** Retries after 30 s, 1, 2, 4 ... minutes, then hourly: 25 attempts span about 19 hours of outage. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofHours(1), 25, Duration.ofMinutes(2));
    }

    private final Database db;
    private final Vertx vertx;
    private final HearthConfig.Smtp smtp;
    private final Clock clock;
    private final Timing timing;
    private final MailOutbox outbox = new MailOutbox();
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private SmtpTransport transport;

    public MailSender(Database db, Vertx vertx, HearthConfig.Smtp smtp, Clock clock, Timing timing) {
        this.db = db;
        this.vertx = vertx;
        this.smtp = smtp;
        this.clock = clock;
        this.timing = timing;
    }

    /** Whether an SMTP host is set; without one, mail stays in the outbox. */
    public boolean configured() {
        return !smtp.host().isBlank();
    }

    /** Starts delivering, from whatever the outbox already holds. Does nothing without SMTP. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("The mail sender is already started");
        }
        if (!configured()) {
            log.info("SMTP is not configured (smtp-host): outgoing mail waits in the outbox for admins to read");
            return;
        }
        transport = new SmtpTransport(vertx, smtp, timing.sendTimeout());
        running = true;
        thread = Thread.ofVirtual().name("mail-sender").start(this::run);
        log.info("Sending mail through {}:{} ({}) as {}", smtp.host(), smtp.port(), smtp.security(), smtp.from());
    }

    /** Looks at the outbox now rather than at the next poll. Cheap, never blocks, safe from any thread. */
    public void wake() {
        wakeups.release();
    }

    /** Stops after the mail being sent, if any; unsent mail stays in the outbox for the next start. Idempotent. */
    @Override
    public synchronized void close() {
        running = false;
        wake();
        if (thread == null) {
            return;
        }
        try {
            thread.join(timing.sendTimeout().plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        thread = null;
        transport = null;
    }

    private void run() {
        while (running) {
            wakeups.drainPermits(); // a wake() from here on is kept for the wait below, never lost
            boolean more;
            try {
                more = deliverDue();
            } catch (RuntimeException e) {
                log.warn("Mail sender cannot use the outbox, retrying in {} ms: {}", timing.poll().toMillis(),
                        e.toString());
                more = false;
            }
            if (!more) {
                sleepUntilWokenOrPolled();
            }
        }
    }

    /** Sends one batch of due mail; true when there may be more due right away. */
    private boolean deliverDue() {
        List<OutboxEntry> due = db.query(sql -> outbox.due(sql, clock.instant(), timing.maxAttempts(), BATCH));
        for (OutboxEntry mail : due) {
            if (!running) {
                return false;
            }
            if (!deliver(mail)) {
                // The server is likely down or refusing: leave the rest for the next poll rather than failing every
                // mail in the batch (and, for an unreachable host, waiting out a connect timeout for each).
                return false;
            }
        }
        return due.size() == BATCH;
    }

    /** One attempt at one mail; false if it failed. */
    private boolean deliver(OutboxEntry mail) {
        int attempt = mail.attempts() + 1;
        Instant retryAt = clock.instant().plus(backOff(attempt));
        if (!db.query(sql -> outbox.claim(sql, mail.id(), mail.attempts(), retryAt))) {
            return true; // another sender took this attempt
        }
        try {
            transport.send(mail);
        } catch (SmtpTransport.SendFailed e) {
            boolean last = attempt >= timing.maxAttempts();
            log.warn("Mail {} to {} failed (attempt {} of {}){}: {}", mail.id(), mail.to(), attempt,
                    timing.maxAttempts(), last ? ", giving up; it stays in the outbox" : ", will retry", e.getMessage());
            db.query(sql -> {
                outbox.recordFailure(sql, mail.id(), e.getMessage());
                return null;
            });
            return false;
        }
        db.query(sql -> {
            outbox.markSent(sql, mail.id(), clock.instant());
            return null;
        });
        return true;
    }

    private Duration backOff(int attempt) {
        long millis = timing.firstRetry().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, timing.maxRetry().toMillis()));
    }

    private void sleepUntilWokenOrPolled() {
        try {
            wakeups.tryAcquire(timing.poll().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
