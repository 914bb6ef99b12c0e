package hearth.server.discussions;

import static hearth.server.db.schema.tables.Bookmarks.BOOKMARKS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.notifications.MemberNotifications;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Members' bookmarks of posts, each with an optional note and reminder. A due reminder becomes one notification,
 * claimed by a conditional update so that with several nodes it is still sent once.
 */
public final class Bookmarks {

    static final String KIND = "bookmark-reminders";
    /** The reminder choices offered: in an hour, a day, a week (or none). */
    static final Map<String, Duration> REMIND_IN = Map.of("1h", Duration.ofHours(1), "1d", Duration.ofDays(1),
            "1w", Duration.ofDays(7));

    /** A bookmark as the list shows it. */
    public record Bookmark(long postId, String url, String topicTitle, int postNumber, String note, Instant remindAt,
                           Instant createdAt) {
    }

    private final Database db;
    private final Permissions permissions;
    private final MemberNotifications notifications;
    private final Clock clock;

    public Bookmarks(Database db, Permissions permissions, MemberNotifications notifications, Clock clock) {
        this.db = db;
        this.permissions = permissions;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Bookmarks a post (or changes its note and reminder); {@code remindIn} is empty or a key of {@link #REMIND_IN}. */
    public Future<Void> save(Viewer viewer, long postId, String note, String remindIn) {
        String cleanNote = note == null ? "" : note.strip();
        if (cleanNote.length() > 200) {
            throw new InvalidInput("note", "Keep the note to 200 characters.");
        }
        Instant remindAt = remindIn == null || remindIn.isBlank() ? null
                : Optional.ofNullable(REMIND_IN.get(remindIn)).map(d -> clock.instant().plus(d))
                        .orElseThrow(() -> new InvalidInput("remindIn", "Choose a reminder in 1h, 1d or 1w, or none."));
        return db.write(tx -> {
            visiblePost(tx.sql(), viewer, postId);
            int updated = tx.sql().update(BOOKMARKS)
                    .set(BOOKMARKS.NOTE, cleanNote)
                    .set(BOOKMARKS.REMIND_AT, remindAt)
                    .setNull(BOOKMARKS.REMINDED_AT)
                    .where(BOOKMARKS.MEMBER_ID.eq(viewer.memberId()), BOOKMARKS.POST_ID.eq(postId))
                    .execute();
            if (updated == 0) {
                tx.sql().insertInto(BOOKMARKS)
                        .set(BOOKMARKS.MEMBER_ID, viewer.memberId())
                        .set(BOOKMARKS.POST_ID, postId)
                        .set(BOOKMARKS.NOTE, cleanNote)
                        .set(BOOKMARKS.REMIND_AT, remindAt)
                        .set(BOOKMARKS.CREATED_AT, clock.instant())
                        .execute();
            }
            return null;
        });
    }

    public Future<Void> remove(Viewer viewer, long postId) {
        return db.write(tx -> {
            tx.sql().deleteFrom(BOOKMARKS).where(BOOKMARKS.MEMBER_ID.eq(viewer.memberId()),
                    BOOKMARKS.POST_ID.eq(postId)).execute();
            return null;
        });
    }

    /** The member's bookmarks, newest first (those whose topic they may no longer see are left out). */
    public List<Bookmark> list(DSLContext sql, Viewer viewer) {
        return sql.select(BOOKMARKS.POST_ID, TOPICS.SLUG, TOPICS.ID, TOPICS.TITLE, POSTS.POST_NUMBER, BOOKMARKS.NOTE,
                        BOOKMARKS.REMIND_AT, BOOKMARKS.CREATED_AT, TOPICS.CATEGORY_ID)
                .from(BOOKMARKS).join(POSTS).on(POSTS.ID.eq(BOOKMARKS.POST_ID))
                .join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(BOOKMARKS.MEMBER_ID.eq(viewer.memberId()), TOPICS.CATEGORY_ID.isNotNull())
                .orderBy(BOOKMARKS.CREATED_AT.desc()).limit(500)
                .fetch().stream()
                .filter(r -> sees(viewer, r.value9()))
                .map(r -> new Bookmark(r.value1(), "/p/" + r.value1(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()))
                .toList();
    }

    /** The ids of {@code posts} the member bookmarked. */
    public static java.util.Set<Long> bookmarked(DSLContext sql, long memberId, java.util.Collection<Long> posts) {
        return new java.util.HashSet<>(sql.select(BOOKMARKS.POST_ID).from(BOOKMARKS)
                .where(BOOKMARKS.MEMBER_ID.eq(memberId), BOOKMARKS.POST_ID.in(posts)).fetch(BOOKMARKS.POST_ID));
    }

    /** Sends the reminders that are due (blocking); returns how many this node sent. */
    public int sendDueReminders() {
        return db.transaction(tx -> {
            Instant now = clock.instant();
            int sent = 0;
            for (var due : tx.sql().select(BOOKMARKS.ID, BOOKMARKS.MEMBER_ID, BOOKMARKS.REMIND_AT, BOOKMARKS.NOTE,
                            TOPICS.TITLE, TOPICS.SLUG, TOPICS.ID, POSTS.POST_NUMBER)
                    .from(BOOKMARKS).join(POSTS).on(POSTS.ID.eq(BOOKMARKS.POST_ID))
                    .join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                    .where(BOOKMARKS.REMINDED_AT.isNull(), BOOKMARKS.REMIND_AT.le(now)).limit(100).fetch()) {
                int claimed = tx.sql().update(BOOKMARKS).set(BOOKMARKS.REMINDED_AT, now)
                        .where(BOOKMARKS.ID.eq(due.value1()), BOOKMARKS.REMINDED_AT.isNull()).execute();
                if (claimed == 1) {
                    String note = due.value4().isEmpty() ? "" : ": " + due.value4();
                    notifications.notify(tx.sql(), due.value2(), KIND, null, "Reminder: " + due.value5() + note,
                            "/t/" + due.value6() + "/" + due.value7() + "#post-" + due.value8(),
                            "bookmark:" + due.value1() + ":" + due.value3());
                    sent++;
                }
            }
            return sent;
        });
    }

    private void visiblePost(DSLContext sql, Viewer viewer, long postId) {
        Long category = sql.select(TOPICS.CATEGORY_ID).from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(POSTS.ID.eq(postId)).fetchOptional(TOPICS.CATEGORY_ID).orElse(null);
        if (category == null || !sees(viewer, category)) {
            throw new NotFound("There is no such post.");
        }
    }

    private boolean sees(Viewer viewer, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.SEE,
                Scope.category(categoryId));
    }
}
