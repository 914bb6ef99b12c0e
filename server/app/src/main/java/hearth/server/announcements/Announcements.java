package hearth.server.announcements;

import static hearth.server.db.schema.tables.AnnouncementDismissals.ANNOUNCEMENT_DISMISSALS;
import static hearth.server.db.schema.tables.Announcements.ANNOUNCEMENTS;

import hearth.api.errors.InvalidInput;
import hearth.api.events.AnnouncementChanged;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.discussions.Markdown;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The announcement banner: saved by admins, shown at the top of every page to its audience until it ends or the
 * member (or visitor, by cookie) dismisses it. Every page needs it, so it is held in memory: reloaded every
 * {@link #REFRESH} (other nodes' saves) and at once on this node's saves. Members' dismissals are cached likewise.
 */
public final class Announcements {

    public static final Duration REFRESH = Duration.ofSeconds(10);
    public static final int MAX_LENGTH = 2000;
    private static final int ROW = 1;

    private final Database db;
    private final Markdown markdown;
    private final Clock clock;
    private volatile Announcement current = Announcement.NONE;
    private final Map<Long, Integer> dismissed = new ConcurrentHashMap<>();

    public Announcements(Database db, Markdown markdown, Clock clock) {
        this.db = db;
        this.markdown = markdown;
        this.clock = clock;
    }

    /** Reads the stored banner (blocking; at start and then every {@link #REFRESH}). */
    public void reload() {
        Announcement loaded = db.query(Announcements::load);
        synchronized (this) {
            // A reload that read the row before a save on this node committed must not put the old banner back.
            if (loaded.version() < current.version()) {
                return;
            }
            if (loaded.version() != current.version()) {
                dismissed.clear();
            }
            current = loaded;
        }
    }

    public Announcement current() {
        return current;
    }

    /**
     * The banner the member should see now, or null: audience, end time and their dismissal applied. With
     * {@code sql} null only the cached dismissal counts (see {@link #needsLookup}).
     */
    Announcement forMember(DSLContext sql, long memberId) {
        Announcement banner = current;
        if (!banner.showsTo(true, clock.instant())) {
            return null;
        }
        // Without a connection (sql null) only the cache answers; a cache just cleared means a new version.
        int seen = sql == null ? dismissed.getOrDefault(memberId, 0) : dismissed.computeIfAbsent(memberId,
                id -> sql.select(ANNOUNCEMENT_DISMISSALS.VERSION).from(ANNOUNCEMENT_DISMISSALS)
                        .where(ANNOUNCEMENT_DISMISSALS.MEMBER_ID.eq(id))
                        .fetchOptional(ANNOUNCEMENT_DISMISSALS.VERSION).orElse(0));
        return seen >= banner.version() ? null : banner;
    }

    /** Whether a member's view needs the database (their dismissal is not cached yet). */
    boolean needsLookup(long memberId) {
        return current.showsTo(true, clock.instant()) && !dismissed.containsKey(memberId);
    }

    Instant now() {
        return clock.instant();
    }

    /** Checks and saves a new banner (admins only); a new version, so earlier dismissals no longer hide it. */
    public Future<Announcement> save(Viewer admin, String rawMarkdown, String rawAudience, Instant endsAt,
                                     boolean enabled) {
        admin.mustBeAdmin("Only admins can change the announcement.");
        String text = rawMarkdown == null ? "" : rawMarkdown.strip();
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInput("body", "Please keep the announcement under " + MAX_LENGTH + " characters.");
        }
        if (enabled && text.isEmpty()) {
            throw new InvalidInput("body", "Please write the announcement, or turn it off.");
        }
        Announcement.Audience audience = Announcement.Audience.parse(rawAudience);
        Instant now = clock.instant();
        if (enabled && endsAt != null && !endsAt.isAfter(now)) {
            throw new InvalidInput("endsAt", "The end must be in the future (or leave it empty).");
        }
        String html = markdown.toHtml(text);
        return db.write(tx -> {
            Integer before = tx.sql().select(ANNOUNCEMENTS.VERSION).from(ANNOUNCEMENTS)
                    .where(ANNOUNCEMENTS.ID.eq(ROW)).forUpdate().fetchOptional(ANNOUNCEMENTS.VERSION).orElse(null);
            int version = before == null ? 1 : before + 1;
            if (before == null) {
                tx.sql().insertInto(ANNOUNCEMENTS).set(ANNOUNCEMENTS.ID, ROW).set(ANNOUNCEMENTS.BODY_MARKDOWN, text)
                        .set(ANNOUNCEMENTS.BODY_HTML, html).set(ANNOUNCEMENTS.AUDIENCE, audience.key())
                        .set(ANNOUNCEMENTS.ENDS_AT, endsAt).set(ANNOUNCEMENTS.ENABLED, enabled)
                        .set(ANNOUNCEMENTS.VERSION, version).set(ANNOUNCEMENTS.UPDATED_AT, now).execute();
            } else {
                tx.sql().update(ANNOUNCEMENTS).set(ANNOUNCEMENTS.BODY_MARKDOWN, text)
                        .set(ANNOUNCEMENTS.BODY_HTML, html).set(ANNOUNCEMENTS.AUDIENCE, audience.key())
                        .set(ANNOUNCEMENTS.ENDS_AT, endsAt).set(ANNOUNCEMENTS.ENABLED, enabled)
                        .set(ANNOUNCEMENTS.VERSION, version).set(ANNOUNCEMENTS.UPDATED_AT, now)
                        .where(ANNOUNCEMENTS.ID.eq(ROW)).execute();
            }
            tx.record(new AnnouncementChanged(version, enabled, audience.key(), admin.memberId()));
            return new Announcement(text, html, audience, endsAt, enabled, version);
        }).onSuccess(saved -> {
            synchronized (this) {
                current = saved;
                dismissed.clear();
            }
        });
    }

    /** Remembers that the member closed this version of the banner. */
    public Future<Void> dismiss(long memberId, int version) {
        return db.write(tx -> {
            int updated = tx.sql().update(ANNOUNCEMENT_DISMISSALS).set(ANNOUNCEMENT_DISMISSALS.VERSION, version)
                    .where(ANNOUNCEMENT_DISMISSALS.MEMBER_ID.eq(memberId)).execute();
            if (updated == 0) {
                tx.sql().insertInto(ANNOUNCEMENT_DISMISSALS, ANNOUNCEMENT_DISMISSALS.MEMBER_ID,
                                ANNOUNCEMENT_DISMISSALS.VERSION)
                        .select(DSL.select(DSL.val(memberId, ANNOUNCEMENT_DISMISSALS.MEMBER_ID),
                                        DSL.val(version, ANNOUNCEMENT_DISMISSALS.VERSION))
                                .whereNotExists(DSL.selectOne().from(ANNOUNCEMENT_DISMISSALS)
                                        .where(ANNOUNCEMENT_DISMISSALS.MEMBER_ID.eq(memberId))))
                        .execute();
            }
            return null;
        }).onSuccess(done -> dismissed.put(memberId, version)).mapEmpty();
    }

    private static Announcement load(DSLContext sql) {
        return sql.selectFrom(ANNOUNCEMENTS).where(ANNOUNCEMENTS.ID.eq(ROW)).fetchOptional()
                .map(r -> new Announcement(r.getBodyMarkdown(), r.getBodyHtml(),
                        Announcement.Audience.parse(r.getAudience()), r.getEndsAt(), r.getEnabled(), r.getVersion()))
                .orElse(Announcement.NONE);
    }
}
