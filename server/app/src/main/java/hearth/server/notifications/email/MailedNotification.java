package hearth.server.notifications.email;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Notifications.NOTIFICATIONS;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A notification as a mail shows it, built only from what its row holds (so any kind, core or plugin, renders):
 * the actor's current name before the title, as in the list on the site, and the link.
 */
record MailedNotification(long id, String kind, String text, String url, Instant createdAt) {

    /** The member's notifications with ids in {@code (after, through]} that are still unread, oldest first. */
    static List<MailedNotification> unread(DSLContext sql, long memberId, long after, long through, int limit) {
        return sql.select(NOTIFICATIONS.ID, NOTIFICATIONS.KIND, MEMBERS.DISPLAY_NAME,
                        NOTIFICATIONS.TITLE, NOTIFICATIONS.URL, NOTIFICATIONS.CREATED_AT)
                .from(NOTIFICATIONS).leftJoin(MEMBERS).on(MEMBERS.ID.eq(NOTIFICATIONS.ACTOR_ID))
                .where(NOTIFICATIONS.MEMBER_ID.eq(memberId), NOTIFICATIONS.ID.gt(after),
                        NOTIFICATIONS.ID.le(through), NOTIFICATIONS.READ_AT.isNull())
                .orderBy(NOTIFICATIONS.ID.desc()).limit(limit)
                .fetch(r -> new MailedNotification(r.value1(), r.value2(),
                        r.value3() == null ? r.value4() : r.value3() + " " + r.value4(), r.value5(), r.value6()))
                .reversed();
    }
}
