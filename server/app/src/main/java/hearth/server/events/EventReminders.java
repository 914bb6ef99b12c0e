package hearth.server.events;

import static hearth.server.db.schema.tables.EventRemindersSent.EVENT_REMINDERS_SENT;
import static hearth.server.db.schema.tables.EventRsvps.EVENT_RSVPS;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.db.Database;
import hearth.server.mail.Mail;
import hearth.server.mail.Mailer;
import hearth.server.site.SiteSettings;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * Reminders before events, in-app and by email, to members going or interested, at the leads the site's settings
 * name (by default a day and an hour ahead). Each (event, member, lead) is claimed by inserting its row in
 * event_reminders_sent in the transaction that writes the notification and queues the mail, so it goes out exactly
 * once, across restarts and nodes. Only the shortest lead that is due goes out: a member who answers an hour before
 * the start gets the one-hour reminder, not the one-day one as well.
 */
public final class EventReminders {

    /** How often each node looks for due reminders. */
    public static final Duration EVERY = Duration.ofSeconds(30);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final Database db;
    private final SiteSettings settings;
    private final EventNotices notices;
    private final Mailer mailer;
    private final URI baseUrl;
    private final Clock clock;

    EventReminders(Database db, SiteSettings settings, EventNotices notices, Mailer mailer, URI baseUrl, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.notices = notices;
        this.mailer = mailer;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** Sends every reminder that is due (blocking; run it off the event loop); returns how many this call sent. */
    public int sendDue() {
        Instant now = clock.instant();
        List<Integer> leads = SiteSettings.eventReminderMinutes(
                db.query(sql -> settings.stored(sql, SiteSettings.Key.EVENT_REMINDER_MINUTES)));
        int sent = 0;
        for (int i = 0; i < leads.size(); i++) {
            int lead = leads.get(i);
            int shorter = i + 1 < leads.size() ? leads.get(i + 1) : 0;
            var due = db.query(sql -> sql.select(EVENTS.ID, EVENT_RSVPS.MEMBER_ID).from(EVENTS)
                    .join(EVENT_RSVPS).on(EVENT_RSVPS.EVENT_ID.eq(EVENTS.ID))
                    .join(MEMBERS).on(MEMBERS.ID.eq(EVENT_RSVPS.MEMBER_ID))
                    .where(EVENTS.STATUS.eq(Event.SCHEDULED), MEMBERS.DELETED_AT.isNull(), EVENTS.STARTS_AT.gt(now.plus(Duration.ofMinutes(shorter))),
                            EVENTS.STARTS_AT.le(now.plus(Duration.ofMinutes(lead))),
                            EVENT_RSVPS.STATUS.in(Rsvps.GOING, Rsvps.INTERESTED))
                    .andNotExists(DSL.selectOne().from(EVENT_REMINDERS_SENT)
                            .where(EVENT_REMINDERS_SENT.EVENT_ID.eq(EVENTS.ID),
                                    EVENT_REMINDERS_SENT.MEMBER_ID.eq(EVENT_RSVPS.MEMBER_ID),
                                    EVENT_REMINDERS_SENT.LEAD_MINUTES.eq(lead)))
                    .limit(500).fetch());
            for (var row : due) {
                if (send(row.value1(), row.value2(), lead, now)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private boolean send(long eventId, long memberId, int lead, Instant now) {
        try {
            return db.transaction(tx -> {
                int claimed = tx.sql().insertInto(EVENT_REMINDERS_SENT, EVENT_REMINDERS_SENT.EVENT_ID,
                                EVENT_REMINDERS_SENT.MEMBER_ID, EVENT_REMINDERS_SENT.LEAD_MINUTES,
                                EVENT_REMINDERS_SENT.SENT_AT)
                        .select(DSL.select(DSL.val(eventId, EVENT_REMINDERS_SENT.EVENT_ID),
                                        DSL.val(memberId, EVENT_REMINDERS_SENT.MEMBER_ID),
                                        DSL.val(lead, EVENT_REMINDERS_SENT.LEAD_MINUTES),
                                        DSL.val(now, EVENT_REMINDERS_SENT.SENT_AT))
                                .whereNotExists(DSL.selectOne().from(EVENT_REMINDERS_SENT)
                                        .where(EVENT_REMINDERS_SENT.EVENT_ID.eq(eventId),
                                                EVENT_REMINDERS_SENT.MEMBER_ID.eq(memberId),
                                                EVENT_REMINDERS_SENT.LEAD_MINUTES.eq(lead))))
                        .execute();
                if (claimed == 0) {
                    return false;
                }
                var event = tx.sql().select(EVENTS.TITLE, EVENTS.STARTS_AT, EVENTS.TIME_ZONE, EVENTS.VENUE,
                        EVENTS.ONLINE_URL).from(EVENTS).where(EVENTS.ID.eq(eventId)).fetchSingle();
                var member = tx.sql().select(MEMBERS.EMAIL, MEMBERS.DISPLAY_NAME, MEMBERS.TIME_ZONE,
                        MEMBERS.EMAIL_VERIFIED_AT).from(MEMBERS)
                        .where(MEMBERS.ID.eq(memberId), MEMBERS.DELETED_AT.isNull()).fetchOptional();
                if (member.isEmpty()) {
                    return false; // deleted since: the claim stays, nothing goes out
                }
                ZoneId zone = zone(member.get().value3(), ZoneId.of(event.value3()));
                String when = WHEN.format(event.value2().atZone(zone)) + " (" + zone.getId() + ")";
                notices.reminder(tx.sql(), eventId, event.value1(), memberId, when, lead);
                member.filter(m -> m.value4() != null).ifPresent(m -> mailer.queue(tx, new Mail(m.value1(),
                        "Reminder: " + event.value1(),
                        "Hello " + m.value2() + ",\n\n" + event.value1() + " starts " + when + ".\n"
                                + (event.value4() == null ? "" : "Where: " + event.value4() + "\n")
                                + (event.value5() == null ? "" : "Online: " + event.value5() + "\n")
                                + "\n" + baseUrl.resolve("/events/" + eventId) + "\n")));
                return true;
            });
        } catch (IntegrityConstraintViolationException e) {
            return false; // another node claimed the same reminder at the same moment: it sends it
        }
    }

    /** The member's display zone, or {@code fallback} when theirs is not one Java knows. */
    private static ZoneId zone(String id, ZoneId fallback) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
