package hearth.server.accounts;

import static hearth.server.db.schema.tables.AnnouncementDismissals.ANNOUNCEMENT_DISMISSALS;
import static hearth.server.db.schema.tables.ApiKeys.API_KEYS;
import static hearth.server.db.schema.tables.Events.EVENTS;
import static hearth.server.db.schema.tables.LoginAttempts.LOGIN_ATTEMPTS;
import static hearth.server.db.schema.tables.MailOutbox.MAIL_OUTBOX;
import static hearth.server.db.schema.tables.MemberEmailPreferences.MEMBER_EMAIL_PREFERENCES;
import static hearth.server.db.schema.tables.MemberIgnores.MEMBER_IGNORES;
import static hearth.server.db.schema.tables.MemberTokens.MEMBER_TOKENS;
import static hearth.server.db.schema.tables.Notifications.NOTIFICATIONS;
import static hearth.server.db.schema.tables.Bookmarks.BOOKMARKS;
import static hearth.server.db.schema.tables.PostLikes.POST_LIKES;
import static hearth.server.db.schema.tables.PostRevisions.POST_REVISIONS;
import static hearth.server.db.schema.tables.TopicParticipants.TOPIC_PARTICIPANTS;
import static hearth.server.db.schema.tables.TopicReads.TOPIC_READS;
import static hearth.server.db.schema.tables.TopicTags.TOPIC_TAGS;
import static hearth.server.db.schema.tables.WelcomesSent.WELCOMES_SENT;
import static hearth.server.db.schema.tables.TopicViews.TOPIC_VIEWS;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.ProfileFieldValues.PROFILE_FIELD_VALUES;
import static hearth.server.db.schema.tables.RecoveryCodes.RECOVERY_CODES;
import static hearth.server.db.schema.tables.Sessions.SESSIONS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.events.MemberDeleted;
import hearth.api.events.MemberJoined;
import hearth.api.events.TopicCreated;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.notifications.MemberNotifications;
import hearth.server.notifications.email.EmailStates;
import hearth.server.site.SiteSettings;
import hearth.server.watching.NotificationLevels;
import hearth.api.errors.InvalidInput;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member deleting their own account (the right to erasure), in one transaction: either all of it happens or none.
 *
 * <p>The member row is not deleted but emptied into a tombstone ({@code deleted member 17}, username
 * {@code deleted-17}): posts that stay need an author, and foreign keys point at it. Cleared: email (so the address
 * can sign up again), password, profile (bio, location, website, pronouns, time zone, custom field answers), avatar
 * (its files too, after the commit), two-factor secret, preferences, verification, presence, standing and role.
 * Their sessions are revoked and lose their addresses and browser names; their sign-in attempts, one-time links, API
 * keys, recovery codes, ignores (both ways) and the mail the site wrote to them are deleted; earlier journal entries
 * that named them are redacted. Invites they created as an admin stay (they belong to the site). What happens to
 * their posts is the site setting
 * {@link SiteSettings.Key#DELETED_MEMBER_POSTS}:
 * <ul>
 *   <li>{@code anonymise}: topics and posts stay, shown as by "deleted member 17".
 *   <li>{@code remove}: their replies are deleted, and so are topics they started that nobody else wrote in. A topic
 *       they started that others replied to stays (the replies are other people's words, and would be orphaned): its
 *       title stays, and its opening post stays in place with its body replaced by a short notice.
 * </ul>
 * A feature that adds personal columns to {@code members} or tables keyed by member must extend {@link #erase}.
 */
public final class AccountDeletion {

    /** What happens to a deleted member's posts (site setting {@code accounts.deleted-member-posts}). */
    public enum Mode {
        ANONYMISE, REMOVE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String REMOVED_BODY = "*This post was removed when its author deleted their account.*";
    static final String REMOVED_HTML = "<p><em>This post was removed when its author deleted their account.</em></p>";
    static final String LAST_ADMIN = "You are the only admin of this site, so you cannot delete your account. Make "
            + "another member an admin first.";

    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

    private final WorkerExecutor hashing;
    private final Database db;
    private final Members members;
    private final Passwords passwords;
    private final Sessions sessions;
    private final Avatars avatars;
    private final SiteSettings settings;
    private final RateLimiter attempts;
    private final Clock clock;

    /**
     * @param hashing  where password checks run (slow and memory-hungry: the pool shared with sign-in)
     * @param attempts brakes password guessing through this form (a stolen session must not become a password)
     */
    public AccountDeletion(WorkerExecutor hashing, Database db, Members members, Passwords passwords,
                           Sessions sessions, Avatars avatars, SiteSettings settings, RateLimiter attempts,
                           Clock clock) {
        this.hashing = hashing;
        this.avatars = avatars;
        this.db = db;
        this.members = members;
        this.passwords = passwords;
        this.sessions = sessions;
        this.settings = settings;
        this.attempts = attempts;
        this.clock = clock;
    }

    /** The mode deletions use now. An unreadable setting counts as the default, {@code anonymise}. */
    public Mode mode() {
        String value = settings.get(SiteSettings.Key.DELETED_MEMBER_POSTS);
        for (Mode mode : Mode.values()) {
            if (mode.key().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        log.warn("Site setting {} is '{}', neither anonymise nor remove; deleting accounts as anonymise",
                SiteSettings.Key.DELETED_MEMBER_POSTS.settingName(), value);
        return Mode.ANONYMISE;
    }

    /** Whether the viewer is the only admin who can log in, and so may not delete their account. */
    public Future<Boolean> isLastAdmin(Viewer viewer) {
        if (viewer.role() != Members.Role.ADMIN) {
            return Future.succeededFuture(false);
        }
        return db.read(sql -> {
            Set<Long> admins = members.adminsWhoCanLogIn(sql);
            return admins.size() == 1 && admins.contains(viewer.memberId());
        });
    }

    /**
     * Deletes the viewer's account once they have typed their username and their password. Fails with
     * {@link InvalidInput} for a wrong confirmation ({@code username}, {@code password}) or when they are the last
     * admin ({@code form}). Returns the mode that was applied.
     */
    public Future<Mode> delete(Viewer viewer, String typedUsername, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!typedUsername.strip().equalsIgnoreCase(viewer.username())) {
            errors.put("username", typedUsername.isBlank() ? "Type your username to confirm."
                    : "That is not your username. Type " + viewer.username() + " to confirm.");
        }
        if (password.isEmpty()) {
            errors.put("password", "Enter your password.");
        }
        if (!errors.isEmpty()) {
            return Future.failedFuture(new InvalidInput(errors));
        }
        return isLastAdmin(viewer).compose(last -> {
            if (last) {
                return Future.failedFuture(new InvalidInput("form", LAST_ADMIN));
            }
            if (!attempts.tryAcquire("member:" + viewer.memberId())) {
                return Future.failedFuture(new InvalidInput("password",
                        "Too many attempts. Please wait a quarter of an hour and try again."));
            }
            return db.read(sql -> members.passwordHash(sql, viewer.memberId()));
        }).compose(hash -> hashing.executeBlocking(() -> hash != null
                && passwords.verify(password.toCharArray(), hash), false)
        ).compose(matches -> {
            if (!matches) {
                return Future.failedFuture(new InvalidInput("password", "That is not your password."));
            }
            Mode mode = mode();
            return db.write(tx -> {
                erase(tx, viewer.memberId(), mode);
                return mode;
            });
        });
    }

    /**
     * Empties the account into a tombstone and deals with its content by {@code mode}; inside the caller's tx. Locks
     * in the same order as a session lookup (the member's sessions, then the member), after the admin-changes lock.
     */
    void erase(Tx tx, long memberId, Mode mode) {
        members.lockAdminChanges(tx);
        sessions.revokeAll(tx, memberId, 0);
        tx.sql().update(SESSIONS).set(SESSIONS.IP, "").set(SESSIONS.USER_AGENT, "")
                .where(SESSIONS.MEMBER_ID.eq(memberId)).execute();
        Set<Long> admins = members.adminsWhoCanLogIn(tx);
        if (admins.size() == 1 && admins.contains(memberId)) {
            throw new InvalidInput("form", LAST_ADMIN);
        }
        var member = tx.sql().select(MEMBERS.USERNAME_KEY, MEMBERS.EMAIL_KEY, MEMBERS.DELETED_AT)
                .from(MEMBERS).where(MEMBERS.ID.eq(memberId)).forUpdate().fetchOptional()
                .filter(r -> r.value3() == null)
                .orElseThrow(() -> new InvalidInput("form", "This account has already been deleted."));
        String usernameKey = member.value1();
        String emailKey = member.value2();

        if (mode == Mode.REMOVE) {
            removeContent(tx, memberId);
            MemberNotifications.forgetActor(tx.sql(), memberId);
        }

        tx.sql().deleteFrom(LOGIN_ATTEMPTS).where(LOGIN_ATTEMPTS.ACCOUNT_KEY.in(
                "member:" + memberId, "name:" + usernameKey, "name:" + emailKey)).execute();
        tx.sql().deleteFrom(MEMBER_TOKENS).where(MEMBER_TOKENS.MEMBER_ID.eq(memberId)).execute();
        // Their API keys would otherwise go on working as the tombstone; two-factor secrets and codes are theirs.
        tx.sql().deleteFrom(API_KEYS).where(API_KEYS.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(NOTIFICATIONS).where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(POST_LIKES).where(POST_LIKES.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(TOPIC_READS).where(TOPIC_READS.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(BOOKMARKS).where(BOOKMARKS.MEMBER_ID.eq(memberId)).execute();
        NotificationLevels.erase(tx.sql(), memberId);
        // They leave their private conversations, which stay for the other participants.
        tx.sql().deleteFrom(TOPIC_PARTICIPANTS).where(TOPIC_PARTICIPANTS.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(ANNOUNCEMENT_DISMISSALS).where(ANNOUNCEMENT_DISMISSALS.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(WELCOMES_SENT).where(WELCOMES_SENT.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(RECOVERY_CODES).where(RECOVERY_CODES.MEMBER_ID.eq(memberId)).execute();
        avatars.forget(tx, memberId);
        // Profile answers, email preferences, and who they ignored or were ignored by.
        tx.sql().deleteFrom(PROFILE_FIELD_VALUES).where(PROFILE_FIELD_VALUES.MEMBER_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(MEMBER_EMAIL_PREFERENCES).where(MEMBER_EMAIL_PREFERENCES.MEMBER_ID.eq(memberId)).execute();
        EmailStates.forget(tx.sql(), memberId);
        tx.sql().deleteFrom(MEMBER_IGNORES).where(MEMBER_IGNORES.MEMBER_ID.eq(memberId)
                .or(MEMBER_IGNORES.IGNORED_ID.eq(memberId))).execute();
        // Confirmation and reset mails name the account and hold its address; sent or not, they go.
        tx.sql().deleteFrom(MAIL_OUTBOX).where(DSL.lower(MAIL_OUTBOX.TO_ADDRESS).eq(emailKey)).execute();

        String tombstone = tombstoneUsername(tx, memberId);
        Instant now = clock.instant();
        tx.sql().update(MEMBERS)
                .set(MEMBERS.USERNAME, tombstone)
                .set(MEMBERS.USERNAME_KEY, tombstone.toLowerCase(Locale.ROOT))
                .set(MEMBERS.DISPLAY_NAME, "deleted member " + memberId)
                .set(MEMBERS.EMAIL, "")
                // Unique and never an address (no @), so the real address is free to sign up again.
                .set(MEMBERS.EMAIL_KEY, "deleted:" + memberId)
                .set(MEMBERS.ROLE, Members.Role.MEMBER.key())
                .setNull(MEMBERS.BIO)
                .setNull(MEMBERS.BIO_HTML)
                .set(MEMBERS.LOCATION, "")
                .set(MEMBERS.WEBSITE, "")
                .set(MEMBERS.PRONOUNS, "")
                .set(MEMBERS.TIME_ZONE, "UTC")
                .set(MEMBERS.PROFILE_HIDDEN, false)
                .set(MEMBERS.PRESENCE_HIDDEN, false)
                .set(MEMBERS.THEME, "auto")
                .setNull(MEMBERS.PASSWORD_HASH)
                .setNull(MEMBERS.EMAIL_VERIFIED_AT)
                .setNull(MEMBERS.TERMS_ACCEPTED_AT)
                .setNull(MEMBERS.LAST_SEEN_AT)
                .setNull(MEMBERS.TOTP_SECRET)
                .setNull(MEMBERS.TOTP_ENABLED_AT)
                .setNull(MEMBERS.TOTP_LAST_STEP)
                .set(MEMBERS.STATUS, MemberStatus.Kind.ACTIVE.name().toLowerCase(Locale.ROOT))
                .setNull(MEMBERS.STATUS_UNTIL)
                .setNull(MEMBERS.STATUS_REASON)
                .set(MEMBERS.DELETED_AT, now)
                .where(MEMBERS.ID.eq(memberId))
                .execute();

        db.journal().redact(tx, MemberJoined.class, "\"memberId\":" + memberId, e -> e.memberId() == memberId,
                e -> new MemberJoined(e.memberId(), tombstone));
        // The cache is dropped again once this commits: a request racing the commit may have reloaded the member.
        tx.afterCommit(() -> sessions.forgetMember(memberId, 0));
        tx.record(new MemberDeleted(memberId, mode.key()));
    }

    /** {@code deleted-<id>}; sign-up refuses such names, but an account older than that rule might hold one. */
    private static String tombstoneUsername(Tx tx, long memberId) {
        String name = "deleted-" + memberId;
        boolean taken = tx.sql().fetchExists(MEMBERS, MEMBERS.USERNAME_KEY.eq(name), MEMBERS.ID.ne(memberId));
        return taken ? "deleted~" + memberId : name;
    }

    /** Deletes the member's posts and the topics only they wrote in; keeps topics that others replied to. */
    private void removeContent(Tx tx, long memberId) {
        List<Long> ownTopics = tx.sql().select(TOPICS.ID).from(TOPICS).where(TOPICS.AUTHOR_ID.eq(memberId))
                .forUpdate().fetch(TOPICS.ID);
        Set<Long> othersWroteIn = new HashSet<>(ownTopics.isEmpty() ? List.of() : tx.sql()
                .selectDistinct(POSTS.TOPIC_ID).from(POSTS)
                .where(POSTS.TOPIC_ID.in(ownTopics), POSTS.AUTHOR_ID.ne(memberId))
                .fetch(POSTS.TOPIC_ID));
        List<Long> removedTopics = new ArrayList<>();
        List<Long> keptTopics = new ArrayList<>();
        // A conversation they started stays for the others even if nobody answered (its text goes, as in kept topics).
        othersWroteIn.addAll(ownTopics.isEmpty() ? List.of() : tx.sql().select(TOPICS.ID).from(TOPICS)
                .where(TOPICS.ID.in(ownTopics), TOPICS.IS_PRIVATE.isTrue()).fetch(TOPICS.ID));
        // An event's discussion stays with its event (whose host is then shown as a deleted member).
        othersWroteIn.addAll(ownTopics.isEmpty() ? List.of() : tx.sql().selectDistinct(EVENTS.TOPIC_ID).from(EVENTS)
                .where(EVENTS.TOPIC_ID.in(ownTopics)).fetch(EVENTS.TOPIC_ID));
        for (long topic : ownTopics) {
            (othersWroteIn.contains(topic) ? keptTopics : removedTopics).add(topic);
        }
        // Topics where they replied lose those replies; their counts and "last posted" follow.
        Set<Long> touched = new HashSet<>(tx.sql().selectDistinct(POSTS.TOPIC_ID).from(POSTS)
                .where(POSTS.AUTHOR_ID.eq(memberId)).fetch(POSTS.TOPIC_ID));
        touched.removeAll(removedTopics);

        // Earlier versions are their words as much as the posts: they go with them; their reasons for editing
        // other people's posts go too (the edits stay, by the tombstone).
        tx.sql().update(POST_REVISIONS).set(POST_REVISIONS.REASON, "")
                .where(POST_REVISIONS.EDITOR_ID.eq(memberId)).execute();
        tx.sql().deleteFrom(POST_REVISIONS).where(POST_REVISIONS.POST_ID.in(DSL.select(POSTS.ID).from(POSTS)
                .where(POSTS.AUTHOR_ID.eq(memberId).or(POSTS.TOPIC_ID.in(removedTopics))))).execute();
        if (!keptTopics.isEmpty()) {
            tx.sql().update(POSTS)
                    .set(POSTS.BODY_MARKDOWN, REMOVED_BODY)
                    .set(POSTS.BODY_HTML, REMOVED_HTML)
                    .set(POSTS.REVISION_COUNT, 0)
                    .where(POSTS.TOPIC_ID.in(keptTopics), POSTS.POST_NUMBER.eq(1), POSTS.AUTHOR_ID.eq(memberId))
                    .execute();
        }
        Condition theirs = POSTS.AUTHOR_ID.eq(memberId).and(POSTS.TOPIC_ID.notIn(keptTopics)
                .or(POSTS.POST_NUMBER.ne(1)));
        // Accepted answers have no foreign key (topics and posts would point at each other): clear them first.
        tx.sql().update(TOPICS).setNull(TOPICS.ACCEPTED_POST_ID).where(TOPICS.ACCEPTED_POST_ID.in(
                DSL.select(POSTS.ID).from(POSTS).where(theirs.or(POSTS.TOPIC_ID.in(removedTopics))))).execute();
        tx.sql().deleteFrom(POST_LIKES).where(POST_LIKES.POST_ID.in(DSL.select(POSTS.ID).from(POSTS).where(theirs)))
                .execute();
        tx.sql().deleteFrom(BOOKMARKS).where(BOOKMARKS.POST_ID.in(DSL.select(POSTS.ID).from(POSTS).where(theirs)))
                .execute();
        tx.sql().deleteFrom(POSTS).where(theirs).execute();
        if (!removedTopics.isEmpty()) {
            tx.sql().deleteFrom(POST_LIKES).where(POST_LIKES.POST_ID.in(DSL.select(POSTS.ID).from(POSTS)
                    .where(POSTS.TOPIC_ID.in(removedTopics)))).execute();
            tx.sql().deleteFrom(BOOKMARKS).where(BOOKMARKS.POST_ID.in(DSL.select(POSTS.ID).from(POSTS)
                    .where(POSTS.TOPIC_ID.in(removedTopics)))).execute();
            tx.sql().deleteFrom(POSTS).where(POSTS.TOPIC_ID.in(removedTopics)).execute();
            tx.sql().deleteFrom(TOPIC_READS).where(TOPIC_READS.TOPIC_ID.in(removedTopics)).execute();
            tx.sql().deleteFrom(TOPIC_VIEWS).where(TOPIC_VIEWS.TOPIC_ID.in(removedTopics)).execute();
            tx.sql().deleteFrom(TOPIC_TAGS).where(TOPIC_TAGS.TOPIC_ID.in(removedTopics)).execute();
            tx.sql().deleteFrom(TOPICS).where(TOPICS.ID.in(removedTopics)).execute();
        }
        for (long topic : touched) {
            var stats = tx.sql().select(DSL.count(), DSL.max(POSTS.CREATED_AT)).from(POSTS)
                    .where(POSTS.TOPIC_ID.eq(topic)).fetchSingle();
            tx.sql().update(TOPICS)
                    .set(TOPICS.REPLY_COUNT, Math.max(0, stats.value1() - 1))
                    .set(TOPICS.LAST_POSTED_AT, stats.value2())
                    .where(TOPICS.ID.eq(topic))
                    .execute();
        }
        Set<Long> removed = Set.copyOf(removedTopics);
        db.journal().redact(tx, TopicCreated.class, "\"authorId\":" + memberId,
                e -> e.authorId() == memberId && removed.contains(e.topicId()),
                e -> new TopicCreated(e.topicId(), e.categoryId(), e.authorId(), "", e.question()));
    }
}
