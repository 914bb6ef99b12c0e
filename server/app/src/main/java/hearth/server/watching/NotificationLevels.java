package hearth.server.watching;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.CategoryNotificationLevels.CATEGORY_NOTIFICATION_LEVELS;
import static hearth.server.db.schema.tables.TopicNotificationLevels.TOPIC_NOTIFICATION_LEVELS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Members' notification levels for topics and categories. A topic's own row wins; without one the topic takes its
 * category's level; without either it is {@link NotificationLevel#NORMAL}. The caller owns the transaction.
 */
public final class NotificationLevels {

    private static final String MUTED = NotificationLevel.MUTED.key();
    private static final Field<String> TOPIC_LEVEL = TOPIC_NOTIFICATION_LEVELS.NOTIFICATION_LEVEL;
    private static final Field<String> CATEGORY_LEVEL = CATEGORY_NOTIFICATION_LEVELS.NOTIFICATION_LEVEL;

    /** A topic or category the member chose a level for, as {@code /account/watching} lists it. */
    public record Choice(String kind, long id, String name, String url, String level) {
    }

    /** The member's own choice for the topic, if any. */
    public Optional<NotificationLevel> chosenForTopic(DSLContext sql, long memberId, long topicId) {
        return sql.select(TOPIC_LEVEL).from(TOPIC_NOTIFICATION_LEVELS)
                .where(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId), TOPIC_NOTIFICATION_LEVELS.TOPIC_ID.eq(topicId))
                .fetchOptional(TOPIC_LEVEL).map(NotificationLevel::stored);
    }

    /** The member's own choice for the category, if any. */
    public Optional<NotificationLevel> chosenForCategory(DSLContext sql, long memberId, long categoryId) {
        return sql.select(CATEGORY_LEVEL).from(CATEGORY_NOTIFICATION_LEVELS)
                .where(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId),
                        CATEGORY_NOTIFICATION_LEVELS.CATEGORY_ID.eq(categoryId))
                .fetchOptional(CATEGORY_LEVEL).map(NotificationLevel::stored);
    }

    /** The level that applies to the member in the topic: the topic's row, else the category's, else normal. */
    public NotificationLevel forTopic(DSLContext sql, long memberId, long topicId, long categoryId) {
        return chosenForTopic(sql, memberId, topicId)
                .or(() -> chosenForCategory(sql, memberId, categoryId))
                .orElse(NotificationLevel.NORMAL);
    }

    public void setForTopic(DSLContext sql, long memberId, long topicId, NotificationLevel level, Instant now) {
        // Delete then insert: the one upsert both H2 and MariaDB read the same way.
        sql.deleteFrom(TOPIC_NOTIFICATION_LEVELS).where(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId),
                TOPIC_NOTIFICATION_LEVELS.TOPIC_ID.eq(topicId)).execute();
        sql.insertInto(TOPIC_NOTIFICATION_LEVELS)
                .set(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID, memberId)
                .set(TOPIC_NOTIFICATION_LEVELS.TOPIC_ID, topicId)
                .set(TOPIC_LEVEL, level.key())
                .set(TOPIC_NOTIFICATION_LEVELS.UPDATED_AT, now)
                .execute();
    }

    /** Sets the category's level; "normal" removes the row, since a category's normal is the same as no choice. */
    public void setForCategory(DSLContext sql, long memberId, long categoryId, NotificationLevel level, Instant now) {
        sql.deleteFrom(CATEGORY_NOTIFICATION_LEVELS).where(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId),
                CATEGORY_NOTIFICATION_LEVELS.CATEGORY_ID.eq(categoryId)).execute();
        if (level != NotificationLevel.NORMAL) {
            sql.insertInto(CATEGORY_NOTIFICATION_LEVELS)
                    .set(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID, memberId)
                    .set(CATEGORY_NOTIFICATION_LEVELS.CATEGORY_ID, categoryId)
                    .set(CATEGORY_LEVEL, level.key())
                    .set(CATEGORY_NOTIFICATION_LEVELS.UPDATED_AT, now)
                    .execute();
        }
    }

    /**
     * Starts tracking a topic the member wrote in, unless they already chose a level for it (or its category says
     * watching or muted, which they chose too).
     */
    public void trackAutomatically(DSLContext sql, long memberId, long topicId, long categoryId, Instant now) {
        if (chosenForTopic(sql, memberId, topicId).isPresent()) {
            return;
        }
        Optional<NotificationLevel> category = chosenForCategory(sql, memberId, categoryId);
        if (category.isPresent() && category.get() != NotificationLevel.TRACKING) {
            return;
        }
        // Insert only if still absent: a choice the member makes meanwhile must win over this automatic one.
        sql.insertInto(TOPIC_NOTIFICATION_LEVELS, TOPIC_NOTIFICATION_LEVELS.MEMBER_ID,
                        TOPIC_NOTIFICATION_LEVELS.TOPIC_ID, TOPIC_LEVEL,
                        TOPIC_NOTIFICATION_LEVELS.UPDATED_AT)
                .select(DSL.select(DSL.val(memberId, TOPIC_NOTIFICATION_LEVELS.MEMBER_ID),
                                DSL.val(topicId, TOPIC_NOTIFICATION_LEVELS.TOPIC_ID),
                                DSL.val(NotificationLevel.TRACKING.key(), TOPIC_LEVEL),
                                DSL.val(now, TOPIC_NOTIFICATION_LEVELS.UPDATED_AT))
                        .whereNotExists(DSL.selectOne().from(TOPIC_NOTIFICATION_LEVELS)
                                .where(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId),
                                        TOPIC_NOTIFICATION_LEVELS.TOPIC_ID.eq(topicId))))
                .execute();
    }

    /** The members watching the topic, directly or through its category without a topic choice of their own. */
    public Set<Long> watchers(DSLContext sql, long topicId, long categoryId) {
        String watching = NotificationLevel.WATCHING.key();
        Set<Long> members = new HashSet<>(sql.select(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID)
                .from(TOPIC_NOTIFICATION_LEVELS)
                .where(TOPIC_NOTIFICATION_LEVELS.TOPIC_ID.eq(topicId), TOPIC_LEVEL.eq(watching))
                .fetch(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID));
        members.addAll(sql.select(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID).from(CATEGORY_NOTIFICATION_LEVELS)
                .where(CATEGORY_NOTIFICATION_LEVELS.CATEGORY_ID.eq(categoryId),
                        CATEGORY_LEVEL.eq(watching),
                        CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID.notIn(DSL.select(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID)
                                .from(TOPIC_NOTIFICATION_LEVELS)
                                .where(TOPIC_NOTIFICATION_LEVELS.TOPIC_ID.eq(topicId))))
                .fetch(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID));
        return members;
    }

    /** For the site-wide lists: topics the member muted, or whose category they muted, are left out. */
    public Condition notMutedBy(long memberId) {
        var mutedTopics = DSL.select(TOPIC_NOTIFICATION_LEVELS.TOPIC_ID).from(TOPIC_NOTIFICATION_LEVELS)
                .where(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId), TOPIC_LEVEL.eq(MUTED));
        var otherwiseChosen = DSL.select(TOPIC_NOTIFICATION_LEVELS.TOPIC_ID).from(TOPIC_NOTIFICATION_LEVELS)
                .where(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId), TOPIC_LEVEL.ne(MUTED));
        var mutedCategories = DSL.select(CATEGORY_NOTIFICATION_LEVELS.CATEGORY_ID).from(CATEGORY_NOTIFICATION_LEVELS)
                .where(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId),
                        CATEGORY_LEVEL.eq(MUTED));
        return TOPICS.ID.notIn(mutedTopics)
                .and(TOPICS.CATEGORY_ID.notIn(mutedCategories).or(TOPICS.ID.in(otherwiseChosen)));
    }

    /** What the member watches, tracks by choice or mutes: categories first, then topics, newest choice first. */
    public List<Choice> chosenBy(DSLContext sql, long memberId) {
        List<Choice> categories = sql.select(CATEGORIES.ID, CATEGORIES.NAME, CATEGORIES.SLUG,
                        CATEGORY_LEVEL)
                .from(CATEGORY_NOTIFICATION_LEVELS)
                .join(CATEGORIES).on(CATEGORIES.ID.eq(CATEGORY_NOTIFICATION_LEVELS.CATEGORY_ID))
                .where(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId))
                .orderBy(CATEGORY_NOTIFICATION_LEVELS.UPDATED_AT.desc())
                .fetch(r -> new Choice("category", r.value1(), r.value2(), "/c/" + r.value3(), r.value4()));
        List<Choice> topics = sql.select(TOPICS.ID, TOPICS.TITLE, TOPICS.SLUG, TOPIC_LEVEL)
                .from(TOPIC_NOTIFICATION_LEVELS)
                .join(TOPICS).on(TOPICS.ID.eq(TOPIC_NOTIFICATION_LEVELS.TOPIC_ID))
                .where(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId),
                        TOPIC_LEVEL.in(NotificationLevel.WATCHING.key(), MUTED))
                .orderBy(TOPIC_NOTIFICATION_LEVELS.UPDATED_AT.desc())
                .limit(500)
                .fetch(r -> new Choice("topic", r.value1(), r.value2(), "/t/" + r.value3() + "/" + r.value1(),
                        r.value4()));
        return java.util.stream.Stream.concat(categories.stream(), topics.stream()).toList();
    }

    /** Removes all of a member's choices (their account is being deleted). */
    public static void erase(DSLContext sql, long memberId) {
        sql.deleteFrom(TOPIC_NOTIFICATION_LEVELS).where(TOPIC_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId)).execute();
        sql.deleteFrom(CATEGORY_NOTIFICATION_LEVELS).where(CATEGORY_NOTIFICATION_LEVELS.MEMBER_ID.eq(memberId))
                .execute();
    }
}
