package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.content.Draft;
import hearth.api.content.Verdict;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.server.access.ContentGuards;
import hearth.server.accounts.PostingRights;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.questions.TopicKind;
import hearth.server.tags.TagRules;
import hearth.server.tags.Tags;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Members writing: replies and new topics. One method per action does it all in one transaction, in this order:
 * may the member see and write here, may they post at all (silenced, unconfirmed email), do the title and body meet
 * the {@link PostRules}, is it a repeat, is it too soon after their last one, do the content guards accept it.
 */
public final class Posting {

    /** Why nobody may reply to a closed topic. */
    static final String CLOSED = "This topic is closed: it takes no new replies.";
    /** Why nobody may reply to a scheduled topic yet. */
    static final String NOT_YET_PUBLISHED = "This topic is not published yet: replies open when it is.";

    /** A reply that was saved, with where it can be seen. */
    public record NewPost(long topicId, String topicSlug, long postId, int number, int page) {

        public String location() {
            return "/t/" + topicSlug + "/" + topicId + "?page=" + page + "#post-" + number;
        }
    }

    /** A topic that was started. */
    public record NewTopic(long topicId, String slug) {

        public String location() {
            return "/t/" + slug + "/" + topicId;
        }
    }

    /** A category a member may start a topic in, for the form's drop-down. */
    public record CategoryChoice(String value, String label) {
    }

    private final Database db;
    private final Discussions discussions;
    private final TopicReader reader;
    private final PostRules rules;
    private final Permissions permissions;
    private final PostingRights postingRights;
    private final ContentGuards guards;
    private final Tags tags;

    public Posting(Database db, Discussions discussions, TopicReader reader, PostRules rules, Permissions permissions,
                   PostingRights postingRights, ContentGuards guards, Tags tags) {
        this.tags = tags;
        this.db = db;
        this.discussions = discussions;
        this.reader = reader;
        this.rules = rules;
        this.permissions = permissions;
        this.postingRights = postingRights;
        this.guards = guards;
    }

    /** Whether the viewer (maybe anonymous) may see the category; a topic they may not see is a 404. */
    public boolean maySee(Optional<Viewer> viewer, long categoryId) {
        return permissions.allows(viewer.map(Viewer::asMemberView), DiscussionPermissions.SEE,
                Scope.category(categoryId));
    }

    /**
     * Whether the viewer may see the topic: a private conversation only its participants (not even admins), a
     * scheduled topic only staff and its author until it is published, any other topic whoever sees its category.
     */
    public boolean maySee(DSLContext sql, Optional<Viewer> viewer, TopicReader.Topic topic) {
        if (topic.isPrivate()) {
            return viewer.isPresent() && reader.participates(sql, topic.id(), viewer.get().memberId());
        }
        if (topic.scheduled() && !viewer.map(v -> v.isStaff() || v.memberId() == topic.authorId()).orElse(false)) {
            return false;
        }
        return maySee(viewer, topic.categoryId());
    }

    /** Why the viewer may not reply to the topic (which they may see), for the person to read; empty when they may. */
    public Optional<String> whyNoReply(Viewer viewer, TopicReader.Topic topic) {
        if (topic.scheduled()) {
            return Optional.of(NOT_YET_PUBLISHED);
        }
        if (topic.closed()) {
            return Optional.of(CLOSED);
        }
        // A participant may always answer, whatever the category rules say: conversations have no category.
        return topic.isPrivate() ? postingRights.whyNot(viewer) : whyNoReply(viewer, topic.categoryId());
    }

    /** Why the viewer may not reply in the category, for the person to read; empty when they may. */
    public Optional<String> whyNoReply(Viewer viewer, long categoryId) {
        if (!permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.REPLY,
                Scope.category(categoryId))) {
            return Optional.of("You may not reply in this category.");
        }
        return postingRights.whyNot(viewer);
    }

    /** Why the viewer may not start topics at all, for the person to read; empty when they may. */
    public Optional<String> whyNoTopic(Viewer viewer) {
        return postingRights.whyNot(viewer);
    }

    /** The categories the viewer may start topics in, in the site's order. */
    public List<CategoryChoice> startable(DSLContext sql, Viewer viewer) {
        return sql.select(CATEGORIES.ID, CATEGORIES.NAME).from(CATEGORIES)
                .orderBy(CATEGORIES.POSITION, CATEGORIES.ID)
                .fetch(r -> new CategoryChoice(String.valueOf(r.value1()), r.value2())).stream()
                .filter(c -> mayStart(viewer, Long.parseLong(c.value())))
                .toList();
    }

    public Future<NewPost> reply(Viewer viewer, long topicId, String rawBody) {
        return reply(viewer, topicId, rawBody, null);
    }

    /** A reply answering post {@code replyTo} (null: the topic), which must be in the same topic. */
    public Future<NewPost> reply(Viewer viewer, long topicId, String rawBody, Long replyTo) {
        return db.write(tx -> {
            TopicReader.Topic topic = reader.findAny(tx.sql(), topicId)
                    .filter(t -> maySee(tx.sql(), Optional.of(viewer), t))
                    .orElseThrow(TopicReader::noSuchTopic);
            whyNoReply(viewer, topic).ifPresent(reason -> {
                throw new Forbidden(reason);
            });
            if (topic.hidden() && !mayModerate(viewer, topic.categoryId())) {
                throw TopicReader.noSuchTopic();
            }
            if (topic.locked() && !mayModerate(viewer, topic.categoryId())) {
                throw new Forbidden(PostAuthority.LOCKED);
            }
            String body = rules.body(rawBody);
            discussions.mentionsWithinLimit(tx, body);
            String held = null;
            if (replyTo != null && !tx.sql().fetchExists(POSTS, POSTS.ID.eq(replyTo), POSTS.TOPIC_ID.eq(topicId))) {
                throw new InvalidInput("replyTo", "The post you are replying to is not in this topic.");
            }
            // Lock the topic first, so a double submit waits for the first and then finds it a repeat.
            tx.sql().select(TOPICS.ID).from(TOPICS).where(TOPICS.ID.eq(topicId)).forUpdate().fetch();
            rules.notRepeated(reader.postedSince(tx.sql(), viewer.memberId(), topicId, body, rules.repeatsSince()),
                    PostRules.Pace.REPLY);
            rules.paced(PostRules.Pace.REPLY, viewer.joinedAt(), reader.lastPostAt(tx.sql(), viewer.memberId()));
            if (!topic.isPrivate()) {
                // Content guards are plugins: they see public posts only, never a private conversation.
                held = guard(new Draft(Draft.Kind.REPLY, viewer.asMemberView(), topic.categoryId(), topicId, 0, "", body,
                        reader.publicPostCount(tx.sql(), viewer.memberId())));
            }
            long postId = discussions.reply(tx, viewer.memberId(), topicId, body, replyTo, held);
            int number = tx.sql().select(POSTS.POST_NUMBER).from(POSTS).where(POSTS.ID.eq(postId))
                    .fetchSingle(POSTS.POST_NUMBER);
            return new NewPost(topicId, topic.slug(), postId, number, reader.pageOf(tx.sql(), topicId, number));
        });
    }

    public Future<NewTopic> startTopic(Viewer viewer, String rawCategoryId, String rawTitle, String rawBody) {
        return startTopic(viewer, rawCategoryId, rawTitle, rawBody, "", List.of(), null);
    }

    /**
     * Starts a topic of a {@link TopicKind} (blank: a discussion) with tags (checked by {@link TagRules}), or with
     * {@code publishAt} (already checked by {@link ScheduledTopics#check}) schedules it: it stays unlisted, seen by
     * staff and its author only, until then.
     */
    public Future<NewTopic> startTopic(Viewer viewer, String rawCategoryId, String rawTitle, String rawBody,
                                       String rawKind, List<String> rawTags, Instant publishAt) {
        if (publishAt != null && !viewer.isStaff()) {
            throw new Forbidden("Only moderators and admins can schedule topics.");
        }
        return db.write(tx -> {
            postingRights.whyNot(viewer).ifPresent(reason -> {
                throw new Forbidden(reason);
            });
            long categoryId = category(tx, viewer, rawCategoryId);
            Map<String, String> errors = new LinkedHashMap<>();
            String title = valid(errors, () -> rules.title(rawTitle));
            String body = valid(errors, () -> rules.body(rawBody));
            TopicKind kind = valid(errors, () -> TopicKind.parse(rawKind));
            List<String> tagNames = valid(errors, () -> TagRules.topicTags(rawTags));
            if (tagNames != null) {
                tags.refused(tx.sql(), viewer, tagNames).ifPresent(refused -> errors.putAll(refused.errors()));
            }
            if (body != null) {
                valid(errors, () -> {
                    discussions.mentionsWithinLimit(tx, body);
                    return body;
                });
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            rules.notRepeated(reader.startedSince(tx.sql(), viewer.memberId(), title, rules.repeatsSince()),
                    PostRules.Pace.TOPIC);
            rules.paced(PostRules.Pace.TOPIC, viewer.joinedAt(), reader.lastTopicAt(tx.sql(), viewer.memberId()));
            String held = guard(new Draft(Draft.Kind.TOPIC, viewer.asMemberView(), categoryId, 0, 0, title, body,
                    reader.publicPostCount(tx.sql(), viewer.memberId())));
            long topicId = publishAt == null
                    ? discussions.startTopic(tx, viewer.memberId(), categoryId, title, body, held,
                            kind == TopicKind.QUESTION)
                    : discussions.scheduleTopic(tx, viewer.memberId(), categoryId, title, body, publishAt,
                            kind == TopicKind.QUESTION);
            tags.apply(tx, viewer, topicId, tagNames);
            return new NewTopic(topicId, reader.findAny(tx.sql(), topicId).orElseThrow().slug());
        });
    }

    private boolean mayModerate(Viewer viewer, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.MODERATE,
                Scope.category(categoryId));
    }

    private boolean mayStart(Viewer viewer, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.START_TOPIC,
                Scope.category(categoryId));
    }

    private long category(Tx tx, Viewer viewer, String raw) {
        long id;
        try {
            id = Long.parseLong(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("categoryId", "Please choose a category.");
        }
        boolean exists = tx.sql().fetchExists(CATEGORIES, CATEGORIES.ID.eq(id));
        if (!exists || !maySee(Optional.of(viewer), id)) {
            throw new InvalidInput("categoryId", "Please choose a category.");
        }
        if (!mayStart(viewer, id)) {
            throw new Forbidden("You may not start topics in this category.");
        }
        return id;
    }

    /** Refuses the draft if a content guard rejects it; returns the reason to hold it for review, or null. */
    private String guard(Draft draft) {
        Verdict verdict = guards.review(draft);
        return switch (verdict.outcome()) {
            case ACCEPT -> null;
            case REJECT -> throw new InvalidInput("body", verdict.reason().isBlank()
                    ? "This post was refused by the site's content rules." : verdict.reason());
            case HOLD_FOR_REVIEW -> verdict.reason().isBlank() ? "Held by the site's content rules." : verdict.reason();
        };
    }

    private static <T> T valid(Map<String, String> errors, java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (InvalidInput invalid) {
            errors.putAll(invalid.errors());
            return null;
        }
    }
}
