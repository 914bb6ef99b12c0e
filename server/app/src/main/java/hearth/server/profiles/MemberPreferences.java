package hearth.server.profiles;

import static hearth.server.db.schema.tables.MemberEmailPreferences.MEMBER_EMAIL_PREFERENCES;
import static hearth.server.db.schema.tables.MemberIgnores.MEMBER_IGNORES;
import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.profiles.Preferences.IgnoredMember;
import hearth.api.errors.InvalidInput;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Members' preferences, for the preferences page and for the features that honour them: notifications ask
 * {@link #emailFrequency} and {@link #ignored}, topic pages {@link #ignored}, every page {@link #display}. Staff can
 * never be ignored (they must reach everyone), not even if they became staff after being ignored.
 */
public final class MemberPreferences {

    public static final int MAX_IGNORED = 500;
    static final Duration CACHE_FOR = Duration.ofSeconds(30);

    /**
     * What every page needs to know to render for a member: light or dark, time zone, and the site theme they picked
     * (null for the site's).
     */
    public record Display(ThemeChoice theme, ZoneId zone, String siteTheme) {
        public static final Display DEFAULT = new Display(ThemeChoice.AUTO, ZoneOffset.UTC, null);
    }

    private record Cached(Display display, Instant loadedAt) {
    }

    private final Database db;
    private final Clock clock;
    private final Map<Long, Cached> displays = new ConcurrentHashMap<>();

    public MemberPreferences(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Preferences load(DSLContext sql, long memberId) {
        var member = sql.select(MEMBERS.THEME, MEMBERS.TIME_ZONE).from(MEMBERS).where(MEMBERS.ID.eq(memberId))
                .fetchSingle();
        List<IgnoredMember> ignored = sql.select(MEMBERS.ID, MEMBERS.USERNAME)
                .from(MEMBER_IGNORES).join(MEMBERS).on(MEMBERS.ID.eq(MEMBER_IGNORES.IGNORED_ID))
                .where(MEMBER_IGNORES.MEMBER_ID.eq(memberId), MEMBERS.ROLE.eq("member"))
                .orderBy(MEMBERS.USERNAME_KEY)
                .fetch(r -> new IgnoredMember(r.value1(), r.value2()));
        return new Preferences(emailFrequencies(sql, memberId),
                ThemeChoice.parse(member.value1()).orElse(ThemeChoice.AUTO), member.value2(), ignored);
    }

    /** How often to email the member about each kind of notification (defaults filled in). */
    public Map<NotificationKind, EmailFrequency> emailFrequencies(DSLContext sql, long memberId) {
        Map<NotificationKind, EmailFrequency> frequencies = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            frequencies.put(kind, kind.defaultFrequency());
        }
        sql.select(MEMBER_EMAIL_PREFERENCES.KIND, MEMBER_EMAIL_PREFERENCES.FREQUENCY).from(MEMBER_EMAIL_PREFERENCES)
                .where(MEMBER_EMAIL_PREFERENCES.MEMBER_ID.eq(memberId))
                .forEach(r -> NotificationKind.parse(r.value1()).ifPresent(kind ->
                        EmailFrequency.parse(r.value2()).ifPresent(f -> frequencies.put(kind, f))));
        return frequencies;
    }

    public EmailFrequency emailFrequency(DSLContext sql, long memberId, NotificationKind kind) {
        return emailFrequencies(sql, memberId).get(kind);
    }

    /** The ids of the members this member ignores (never staff). */
    public Set<Long> ignored(DSLContext sql, long memberId) {
        return new HashSet<>(sql.select(MEMBER_IGNORES.IGNORED_ID)
                .from(MEMBER_IGNORES).join(MEMBERS).on(MEMBERS.ID.eq(MEMBER_IGNORES.IGNORED_ID))
                .where(MEMBER_IGNORES.MEMBER_ID.eq(memberId), MEMBERS.ROLE.eq("member"))
                .fetch(MEMBER_IGNORES.IGNORED_ID));
    }

    /** {@link #ignored(DSLContext, long)} for code on an event loop. */
    public Future<Set<Long>> ignored(long memberId) {
        return db.read(sql -> ignored(sql, memberId));
    }

    /** Whether {@code memberId} ignores {@code otherId} (never true for staff). */
    public boolean ignores(DSLContext sql, long memberId, long otherId) {
        return sql.fetchExists(sql.selectOne()
                .from(MEMBER_IGNORES).join(MEMBERS).on(MEMBERS.ID.eq(MEMBER_IGNORES.IGNORED_ID))
                .where(MEMBER_IGNORES.MEMBER_ID.eq(memberId), MEMBER_IGNORES.IGNORED_ID.eq(otherId),
                        MEMBERS.ROLE.eq("member")));
    }

    /** The member's theme and time zone, cached briefly (changes made here show at once). */
    public Future<Display> display(long memberId) {
        Cached cached = displays.get(memberId);
        Instant now = clock.instant();
        if (cached != null && cached.loadedAt().plus(CACHE_FOR).isAfter(now)) {
            return Future.succeededFuture(cached.display());
        }
        return db.read(sql -> sql.select(MEMBERS.THEME, MEMBERS.TIME_ZONE, MEMBERS.SITE_THEME).from(MEMBERS)
                        .where(MEMBERS.ID.eq(memberId)).fetchOptional())
                .map(row -> row.map(r -> new Display(ThemeChoice.parse(r.value1()).orElse(ThemeChoice.AUTO),
                        zone(r.value2()), r.value3())).orElse(Display.DEFAULT))
                .onSuccess(display -> displays.put(memberId, new Cached(display, now)));
    }

    /** The site theme the member picked, or null for the site's. */
    public String siteTheme(DSLContext sql, long memberId) {
        return sql.select(MEMBERS.SITE_THEME).from(MEMBERS).where(MEMBERS.ID.eq(memberId)).fetchOne(MEMBERS.SITE_THEME);
    }

    /** Stores the member's pick (null for the site's theme); the caller checked that it is enabled. */
    public void pickSiteTheme(Tx tx, long memberId, String theme) {
        tx.sql().update(MEMBERS).set(MEMBERS.SITE_THEME, theme).where(MEMBERS.ID.eq(memberId)).execute();
    }

    /** Drops the cached display preferences after a change. */
    public void forget(long memberId) {
        displays.remove(memberId);
    }

    /** Applies a checked update in the caller's transaction; a bad ignored username fails it under "ignored". */
    public void update(Tx tx, long memberId, PreferencesUpdate update) {
        if (update.ignored() != null) {
            replaceIgnored(tx, memberId, update.ignored());
        }
        update.email().forEach((kind, frequency) -> storeFrequency(tx, memberId, kind, frequency));
        if (update.theme() != null) {
            tx.sql().update(MEMBERS).set(MEMBERS.THEME, update.theme().key()).where(MEMBERS.ID.eq(memberId)).execute();
        }
        if (update.timeZone() != null) {
            tx.sql().update(MEMBERS).set(MEMBERS.TIME_ZONE, update.timeZone()).where(MEMBERS.ID.eq(memberId))
                    .execute();
        }
    }

    /**
     * Starts ignoring a member, named by username; fails under {@code field} if there is no such member, or it is
     * the member themself or staff. Ignoring someone twice is fine.
     */
    public IgnoredMember ignore(Tx tx, long memberId, String username, String field) {
        IgnoredMember other = ignorable(tx.sql(), memberId, username.strip(), field);
        if (!tx.sql().fetchExists(MEMBER_IGNORES, MEMBER_IGNORES.MEMBER_ID.eq(memberId),
                MEMBER_IGNORES.IGNORED_ID.eq(other.id()))) {
            if (tx.sql().fetchCount(MEMBER_IGNORES, MEMBER_IGNORES.MEMBER_ID.eq(memberId)) >= MAX_IGNORED) {
                throw new InvalidInput(field, "You can ignore at most " + MAX_IGNORED + " members.");
            }
            tx.sql().insertInto(MEMBER_IGNORES)
                    .set(MEMBER_IGNORES.MEMBER_ID, memberId)
                    .set(MEMBER_IGNORES.IGNORED_ID, other.id())
                    .set(MEMBER_IGNORES.CREATED_AT, clock.instant())
                    .execute();
        }
        return other;
    }

    /** Stops ignoring a member; false if they were not ignored. */
    public boolean unignore(Tx tx, long memberId, long otherId) {
        return tx.sql().deleteFrom(MEMBER_IGNORES)
                .where(MEMBER_IGNORES.MEMBER_ID.eq(memberId), MEMBER_IGNORES.IGNORED_ID.eq(otherId))
                .execute() > 0;
    }

    private void replaceIgnored(Tx tx, long memberId, List<String> usernames) {
        Set<String> unique = new LinkedHashSet<>();
        usernames.forEach(u -> unique.add(u.strip().toLowerCase(Locale.ROOT)));
        if (unique.size() > MAX_IGNORED) {
            throw new InvalidInput("ignored", "You can ignore at most " + MAX_IGNORED + " members.");
        }
        List<IgnoredMember> others = unique.stream().map(u -> ignorable(tx.sql(), memberId, u, "ignored")).toList();
        tx.sql().deleteFrom(MEMBER_IGNORES).where(MEMBER_IGNORES.MEMBER_ID.eq(memberId)).execute();
        others.forEach(other -> tx.sql().insertInto(MEMBER_IGNORES)
                .set(MEMBER_IGNORES.MEMBER_ID, memberId)
                .set(MEMBER_IGNORES.IGNORED_ID, other.id())
                .set(MEMBER_IGNORES.CREATED_AT, clock.instant())
                .execute());
    }

    private static IgnoredMember ignorable(DSLContext sql, long memberId, String username, String field) {
        if (username.isEmpty()) {
            throw new InvalidInput(field, "Enter the username of the member to ignore.");
        }
        var other = username.length() > 20 ? null : sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.ROLE)
                .from(MEMBERS).where(MEMBERS.USERNAME_KEY.eq(username.toLowerCase(Locale.ROOT))).fetchOne();
        if (other == null) {
            throw new InvalidInput(field, "There is no member called " + username + ".");
        }
        if (other.value1() == memberId) {
            throw new InvalidInput(field, "You cannot ignore yourself.");
        }
        if (!"member".equals(other.value3())) {
            throw new InvalidInput(field, "You cannot ignore " + other.value2() + ": moderators and admins need to "
                    + "be able to reach everyone.");
        }
        return new IgnoredMember(other.value1(), other.value2());
    }

    private void storeFrequency(Tx tx, long memberId, NotificationKind kind, EmailFrequency frequency) {
        int updated = tx.sql().update(MEMBER_EMAIL_PREFERENCES)
                .set(MEMBER_EMAIL_PREFERENCES.FREQUENCY, frequency.key())
                .set(MEMBER_EMAIL_PREFERENCES.UPDATED_AT, clock.instant())
                .where(MEMBER_EMAIL_PREFERENCES.MEMBER_ID.eq(memberId), MEMBER_EMAIL_PREFERENCES.KIND.eq(kind.key()))
                .execute();
        if (updated == 0) {
            tx.sql().insertInto(MEMBER_EMAIL_PREFERENCES)
                    .set(MEMBER_EMAIL_PREFERENCES.MEMBER_ID, memberId)
                    .set(MEMBER_EMAIL_PREFERENCES.KIND, kind.key())
                    .set(MEMBER_EMAIL_PREFERENCES.FREQUENCY, frequency.key())
                    .set(MEMBER_EMAIL_PREFERENCES.UPDATED_AT, clock.instant())
                    .execute();
        }
    }

    private static ZoneId zone(String stored) {
        try {
            return ZoneId.of(stored);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
