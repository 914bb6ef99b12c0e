package hearth.server.notifications.email;

import static hearth.server.db.schema.tables.MemberEmailPreferences.MEMBER_EMAIL_PREFERENCES;
import static hearth.server.db.schema.tables.MemberEmailState.MEMBER_EMAIL_STATE;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Scope;
import hearth.api.views.MemberView;
import hearth.server.access.SitePermissions;
import hearth.server.accounts.MemberViews;
import hearth.server.db.Database;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.mail.Mailer;
import hearth.server.notifications.email.NotificationMails.PopularTopic;
import hearth.server.profiles.EmailFrequency;
import hearth.server.profiles.NotificationKind;
import hearth.server.site.SiteSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The digest for members who stay away: when the site offers it ({@link SiteSettings.Key#ABSENT_DIGEST}, off by
 * default) and the member opted in (their "digest" preference is daily or weekly; the default is never), a member
 * not seen for N days ({@link SiteSettings.Key#ABSENT_DIGEST_DAYS}) gets the most replied-to topics they may see
 * that started since their last visit (or the last such digest), at most once per N days (and at most weekly if
 * they chose weekly). Taken with a conditional UPDATE of {@code absent_sent_at}, so one node sends it once.
 */
final class AbsentMemberDigests {

    static final int TOPICS_LISTED = 10;
    private static final int MEMBERS_PER_RUN = 100;

    private final Database db;
    private final SiteSettings settings;
    private final SitePermissions permissions;
    private final Mailer mailer;
    private final NotificationMails mails;

    AbsentMemberDigests(Database db, SiteSettings settings, SitePermissions permissions, Mailer mailer,
                        NotificationMails mails) {
        this.db = db;
        this.settings = settings;
        this.permissions = permissions;
        this.mailer = mailer;
        this.mails = mails;
    }

    /** Queues the absent-member digests that are due (blocking); returns how many. */
    int sendDue(Instant now) {
        // Read from the database, not this node's memory: an admin may have switched it on another node.
        if (!Boolean.parseBoolean(db.query(sql -> settings.stored(sql, SiteSettings.Key.ABSENT_DIGEST)))) {
            return 0;
        }
        int days = SiteSettings.absentDigestDays(db.query(sql ->
                settings.stored(sql, SiteSettings.Key.ABSENT_DIGEST_DAYS)));
        Instant cutoff = now.minus(Duration.ofDays(days));
        var lastVisit = DSL.coalesce(MEMBERS.LAST_SEEN_AT, MEMBERS.CREATED_AT);
        var due = db.query(sql -> sql.select(MEMBERS.ID, lastVisit, MEMBER_EMAIL_STATE.ABSENT_SENT_AT,
                        MEMBER_EMAIL_PREFERENCES.FREQUENCY)
                .from(MEMBERS)
                .join(MEMBER_EMAIL_STATE).on(MEMBER_EMAIL_STATE.MEMBER_ID.eq(MEMBERS.ID))
                .join(MEMBER_EMAIL_PREFERENCES).on(MEMBER_EMAIL_PREFERENCES.MEMBER_ID.eq(MEMBERS.ID),
                        MEMBER_EMAIL_PREFERENCES.KIND.eq(NotificationKind.DIGEST.key()),
                        MEMBER_EMAIL_PREFERENCES.FREQUENCY.in(EmailFrequency.DAILY.key(), EmailFrequency.WEEKLY.key()))
                .where(MEMBERS.DELETED_AT.isNull(), MEMBERS.EMAIL_VERIFIED_AT.isNotNull(), lastVisit.le(cutoff),
                        MEMBER_EMAIL_STATE.ABSENT_SENT_AT.isNull().or(MEMBER_EMAIL_STATE.ABSENT_SENT_AT.le(cutoff)))
                .limit(MEMBERS_PER_RUN)
                .fetch());
        int queued = 0;
        for (var member : due) {
            int interval = EmailFrequency.WEEKLY.key().equals(member.value4()) ? Math.max(days, 7) : days;
            Instant notSince = now.minus(Duration.ofDays(interval));
            if (member.value3() != null && member.value3().isAfter(notSince)) {
                continue;
            }
            queued += db.transaction(tx -> {
                long memberId = member.value1();
                int claimed = tx.sql().update(MEMBER_EMAIL_STATE)
                        .set(MEMBER_EMAIL_STATE.ABSENT_SENT_AT, now)
                        .where(MEMBER_EMAIL_STATE.MEMBER_ID.eq(memberId),
                                MEMBER_EMAIL_STATE.ABSENT_SENT_AT.isNull()
                                        .or(MEMBER_EMAIL_STATE.ABSENT_SENT_AT.le(notSince)))
                        .execute();
                Optional<Recipient> recipient = claimed == 1 ? Recipient.find(tx.sql(), memberId, now)
                        : Optional.empty();
                Optional<MemberView> view = MemberViews.find(tx.sql(), MEMBERS.ID.eq(memberId), now);
                if (recipient.isEmpty() || view.isEmpty()) {
                    return 0;
                }
                Instant since = member.value3() == null || member.value2().isAfter(member.value3())
                        ? member.value2() : member.value3();
                List<PopularTopic> topics = popular(tx.sql(), view.get(), since);
                if (topics.isEmpty()) {
                    return 0;
                }
                mailer.queue(tx, mails.absent(recipient.get(), topics));
                return 1;
            });
        }
        return queued;
    }

    /** The most replied-to topics started since {@code since} in categories the member may see. */
    private List<PopularTopic> popular(DSLContext sql, MemberView member, Instant since) {
        return sql.select(TOPICS.CATEGORY_ID, TOPICS.TITLE, TOPICS.SLUG, TOPICS.ID, TOPICS.REPLY_COUNT)
                .from(TOPICS)
                // Conversations (no category) are private; deleted topics are gone.
                .where(TOPICS.CREATED_AT.gt(since), TOPICS.CATEGORY_ID.isNotNull(), TOPICS.DELETED_AT.isNull())
                .orderBy(TOPICS.REPLY_COUNT.desc(), TOPICS.ID.desc())
                .limit(TOPICS_LISTED * 5)
                .fetch().stream()
                .filter(t -> permissions.allows(Optional.of(member), DiscussionPermissions.SEE,
                        Scope.category(t.value1())))
                .limit(TOPICS_LISTED)
                .map(t -> new PopularTopic(t.value2(), "/t/" + t.value3() + "/" + t.value4(), t.value5()))
                .toList();
    }
}
