package hearth.server.notifications;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Notifications.NOTIFICATIONS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Members' in-app notifications: written once per source (idempotent), listed newest first, marked read. The
 * unread count behind the badge on every page is cached per member for {@link #BADGE_FRESHNESS} and dropped on
 * this node whenever it changes.
 */
public final class MemberNotifications {

    static final Duration BADGE_FRESHNESS = Duration.ofSeconds(30);
    static final int PAGE = 50;

    /** One notification as the list shows it. */
    public record Notification(long id, String kind, String title, String url, Instant createdAt, boolean read) {
    }

    private record Count(int unread, Instant at) {
    }

    private final Clock clock;
    private final Map<Long, Count> badges = new ConcurrentHashMap<>();
    private final List<LongConsumer> watchers = new CopyOnWriteArrayList<>();

    public MemberNotifications(Clock clock) {
        this.clock = clock;
    }

    /**
     * Adds a notification unless one with the same source key exists; returns whether it was added. With an actor,
     * the list shows the actor's current name before {@code title} ("Ada" + " replied to ...").
     */
    public boolean notify(DSLContext sql, long memberId, String kind, Long actorId, String title, String url,
                          String sourceKey) {
        int added = sql.insertInto(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.KIND, NOTIFICATIONS.ACTOR_ID,
                        NOTIFICATIONS.TITLE, NOTIFICATIONS.URL, NOTIFICATIONS.SOURCE_KEY, NOTIFICATIONS.CREATED_AT)
                // Each value bound as its column (the timestamp through the column's UTC converter).
                .select(DSL.select(DSL.val(memberId, NOTIFICATIONS.MEMBER_ID), DSL.val(kind, NOTIFICATIONS.KIND),
                                DSL.val(actorId, NOTIFICATIONS.ACTOR_ID), DSL.val(cut(title, 300), NOTIFICATIONS.TITLE),
                                DSL.val(cut(url, 500), NOTIFICATIONS.URL),
                                DSL.val(cut(sourceKey, 150), NOTIFICATIONS.SOURCE_KEY),
                                DSL.val(clock.instant(), NOTIFICATIONS.CREATED_AT))
                        .whereNotExists(DSL.selectOne().from(NOTIFICATIONS)
                                .where(NOTIFICATIONS.SOURCE_KEY.eq(cut(sourceKey, 150)))))
                .execute();
        unreadChanged(memberId);
        return added > 0;
    }

    public List<Notification> list(DSLContext sql, long memberId, int page) {
        return sql.select(NOTIFICATIONS.ID, NOTIFICATIONS.KIND, MEMBERS.DISPLAY_NAME, NOTIFICATIONS.TITLE,
                        NOTIFICATIONS.URL, NOTIFICATIONS.CREATED_AT, NOTIFICATIONS.READ_AT)
                .from(NOTIFICATIONS).leftJoin(MEMBERS).on(MEMBERS.ID.eq(NOTIFICATIONS.ACTOR_ID))
                .where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
                .orderBy(NOTIFICATIONS.ID.desc()).limit(PAGE).offset((page - 1) * PAGE)
                .fetch(r -> new Notification(r.value1(), r.value2(),
                        r.value3() == null ? r.value4() : r.value3() + " " + r.value4(), r.value5(), r.value6(),
                        r.value7() != null));
    }

    /** The unread count for the badge, from the cache when it is fresh enough. */
    public int unread(DSLContext sql, long memberId) {
        Count cached = badges.get(memberId);
        Instant now = clock.instant();
        if (cached != null && cached.at().plus(BADGE_FRESHNESS).isAfter(now)) {
            return cached.unread();
        }
        int unread = sql.fetchCount(NOTIFICATIONS, NOTIFICATIONS.MEMBER_ID.eq(memberId),
                NOTIFICATIONS.READ_AT.isNull());
        badges.put(memberId, new Count(unread, now));
        return unread;
    }

    /** The cached count, if fresh: lets pages show the badge without a query. */
    public java.util.Optional<Integer> cachedUnread(long memberId) {
        Count cached = badges.get(memberId);
        return cached != null && cached.at().plus(BADGE_FRESHNESS).isAfter(clock.instant())
                ? java.util.Optional.of(cached.unread()) : java.util.Optional.empty();
    }

    /** Drops the member's cached badge count after a change made elsewhere. */
    void changed(long memberId) {
        unreadChanged(memberId);
    }

    /** Calls {@code watcher} with a member's id after each committed change to their notifications on this node. */
    public void watch(LongConsumer watcher) {
        watchers.add(watcher);
    }

    private void unreadChanged(long memberId) {
        badges.remove(memberId);
        // Again after the commit: a page read in between may have cached the count from before it.
        hearth.server.db.Tx.afterCurrentCommit(() -> {
            badges.remove(memberId);
            watchers.forEach(watcher -> watcher.accept(memberId));
        });
    }

    /** Forgets what a member caused (their account is removed with its content). */
    public static void forgetActor(DSLContext sql, long actorId) {
        sql.deleteFrom(NOTIFICATIONS).where(NOTIFICATIONS.ACTOR_ID.eq(actorId)).execute();
    }

    /** Marks one notification (id > 0) or all of the member's as read. */
    public void markRead(DSLContext sql, long memberId, long id) {
        var update = sql.update(NOTIFICATIONS).set(NOTIFICATIONS.READ_AT, clock.instant())
                .where(NOTIFICATIONS.MEMBER_ID.eq(memberId), NOTIFICATIONS.READ_AT.isNull());
        (id > 0 ? update.and(NOTIFICATIONS.ID.eq(id)) : update).execute();
        unreadChanged(memberId);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
