package hearth.server.mentions;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;

import hearth.api.errors.InvalidInput;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * What the topic page needs for quoting and replying to one post: the "Quote" link's prefilled reply
 * ({@code ?quote=<postId>}), the "Reply" link's target ({@code ?replyTo=<postId>}), and for each post shown, the
 * post it answers ("in reply to Ada #3"). Only posts of the same topic count, so nothing leaks from elsewhere.
 */
public final class ReplyComposer {

    /** A post being answered, as "in reply to" shows it; {@code url} leads to it wherever it is. */
    public record Target(long postId, int number, String displayName, String url) {
    }

    private ReplyComposer() {
    }

    /** The form's {@code replyTo} field: empty is none; anything else must be a post id. */
    public static Long parse(String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput("replyTo", "The post you are replying to is not in this topic.");
        }
    }

    /** The post of this topic with the id in {@code raw} (a query parameter), if there is one. */
    public static Optional<Target> target(DSLContext sql, long topicId, String raw) {
        Long id;
        try {
            id = parse(raw);
        } catch (InvalidInput ignored) {
            return Optional.empty(); // a mangled link just opens an ordinary reply
        }
        return id == null ? Optional.empty() : targets(sql, POSTS.ID.eq(id).and(POSTS.TOPIC_ID.eq(topicId)))
                .values().stream().findFirst();
    }

    /** The reply box's text quoting post {@code raw} of this topic, or empty. */
    public static Optional<String> quote(DSLContext sql, long topicId, String raw) {
        Long id;
        try {
            id = parse(raw);
        } catch (InvalidInput ignored) {
            return Optional.empty();
        }
        if (id == null) {
            return Optional.empty();
        }
        return sql.select(MEMBERS.USERNAME, POSTS.BODY_MARKDOWN).from(POSTS).join(MEMBERS)
                .on(MEMBERS.ID.eq(POSTS.AUTHOR_ID))
                .where(POSTS.ID.eq(id), POSTS.TOPIC_ID.eq(topicId), POSTS.DELETED_AT.isNull())
                .fetchOptional(r -> QuoteBlocks.quote(r.value1(), id, r.value2()));
    }

    /** For each of these posts that answers another post still there: post id to the post it answers. */
    public static Map<Long, Target> answered(DSLContext sql, Collection<Long> postIds) {
        if (postIds.isEmpty()) {
            return Map.of();
        }
        var replies = POSTS.as("replies");
        Map<Long, Long> answers = sql.select(replies.ID, replies.REPLY_TO_POST_ID).from(replies)
                .where(replies.ID.in(postIds), replies.REPLY_TO_POST_ID.isNotNull())
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
        if (answers.isEmpty()) {
            return Map.of();
        }
        Map<Long, Target> targets = targets(sql, POSTS.ID.in(answers.values()));
        return answers.entrySet().stream().filter(e -> targets.containsKey(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> targets.get(e.getValue())));
    }

    private static Map<Long, Target> targets(DSLContext sql, org.jooq.Condition which) {
        List<Target> found = sql.select(POSTS.ID, POSTS.POST_NUMBER, MEMBERS.DISPLAY_NAME).from(POSTS)
                .join(MEMBERS).on(MEMBERS.ID.eq(POSTS.AUTHOR_ID))
                .where(which)
                .fetch(r -> new Target(r.value1(), r.value2(), r.value3(), "/p/" + r.value1()));
        return found.stream().collect(Collectors.toMap(Target::postId, t -> t));
    }
}
