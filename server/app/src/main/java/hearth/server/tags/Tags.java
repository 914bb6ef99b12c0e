package hearth.server.tags;

import static hearth.server.db.schema.tables.Tags.TAGS;
import static hearth.server.db.schema.tables.TopicTags.TOPIC_TAGS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.TopicTagsChanged;
import hearth.server.accounts.Members;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.site.SiteSettings;
import hearth.server.web.RateLimiter;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Tags: a topic's tags (set when it is started, changed later by its author or a moderator, each change journaled
 * as {@link TopicTagsChanged}), the tag index, and the admins' tag list. In {@link TagMode#FREE} a name nobody used
 * yet becomes a new tag; in {@link TagMode#ADMIN_ONLY} only admins create tags, on their page or by using one.
 */
public final class Tags {

    /** A tag as the index and the admin page show it; {@code topics} counts the topics the viewer may see. */
    public record Tag(long id, String name, String description, int topics) {

        public String url() {
            return "/tag/" + name;
        }
    }

    private final Database db;
    private final SiteSettings settings;
    private final Permissions permissions;
    private final Clock clock;
    private final RateLimiter changes;

    /** @param changes how often one member may change topics' tags (each change may create tags) */
    public Tags(Database db, SiteSettings settings, Permissions permissions, Clock clock, RateLimiter changes) {
        this.changes = changes;
        this.db = db;
        this.settings = settings;
        this.permissions = permissions;
        this.clock = clock;
    }

    public TagMode mode() {
        try {
            return TagMode.parse("mode", settings.get(SiteSettings.Key.TAG_MODE));
        } catch (InvalidInput unreadable) {
            return TagMode.FREE;
        }
    }

    public Future<Void> setMode(TagMode mode) {
        return settings.update(SiteSettings.Key.TAG_MODE, mode.key());
    }

    /**
     * Errors (on {@code tags}) for names the viewer may not use because they would create a tag they may not
     * create; empty when all may be used. Runs before anything is written, so the form shows it with the others.
     */
    public Optional<InvalidInput> refused(DSLContext sql, Viewer viewer, List<String> names) {
        if (names.isEmpty() || mode() == TagMode.FREE || viewer.role() == Members.Role.ADMIN) {
            return Optional.empty();
        }
        Set<String> known = Set.copyOf(sql.select(TAGS.NAME).from(TAGS).where(TAGS.NAME.in(names)).fetch(TAGS.NAME));
        List<String> unknown = names.stream().filter(name -> !known.contains(name)).toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InvalidInput("tags", (unknown.size() == 1 ? "There is no tag \"" + unknown.getFirst()
                + "\"" : "There are no tags " + String.join(", ", unknown)) + " here, and only admins create tags: "
                + "choose from the existing ones on the tags page."));
    }

    /**
     * Sets a topic's tags (already checked by {@link TagRules#topicTags} and {@link #refused}) inside the caller's
     * transaction, creating the new ones; journals the change when there is one.
     */
    public void apply(Tx tx, Viewer viewer, long topicId, List<String> names) {
        List<String> before = forTopics(tx.sql(), List.of(topicId)).getOrDefault(topicId, List.of());
        if (Set.copyOf(before).equals(Set.copyOf(names))) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            ids.add(idOf(tx, name));
        }
        tx.sql().deleteFrom(TOPIC_TAGS).where(TOPIC_TAGS.TOPIC_ID.eq(topicId)).execute();
        for (long id : ids) {
            tx.sql().insertInto(TOPIC_TAGS).set(TOPIC_TAGS.TOPIC_ID, topicId).set(TOPIC_TAGS.TAG_ID, id).execute();
        }
        tx.record(new TopicTagsChanged(topicId, names, viewer.memberId()));
    }

    /** Changes a topic's tags: its author or a moderator of its category may. Returns the tags now. */
    public Future<List<String>> change(Viewer viewer, long topicId, List<String> raw) {
        return db.write(tx -> {
            var topic = tx.sql().select(TOPICS.AUTHOR_ID, TOPICS.CATEGORY_ID).from(TOPICS)
                    .where(TOPICS.ID.eq(topicId)).forUpdate().fetchOptional()
                    .filter(r -> r.value2() != null) // conversations have no tags
                    .filter(r -> permissions.allows(Optional.of(viewer.asMemberView()), DiscussionPermissions.SEE,
                            Scope.category(r.value2())))
                    .orElseThrow(() -> new NotFound("There is no such topic. It may have been moved or deleted."));
            if (!mayChange(viewer, topic.value1(), topic.value2())) {
                throw new Forbidden("Only the topic's author or a moderator can change its tags.");
            }
            if (!changes.tryAcquire("member:" + viewer.memberId())) {
                throw new InvalidInput("tags", "You have changed tags many times in a short while: please wait a "
                        + "few minutes and try again.");
            }
            List<String> names = TagRules.topicTags(raw);
            refused(tx.sql(), viewer, names).ifPresent(refusal -> {
                throw refusal;
            });
            apply(tx, viewer, topicId, names);
            return names;
        });
    }

    /** Whether the viewer may change the tags of a topic by {@code authorId} in {@code categoryId}. */
    public boolean mayChange(Viewer viewer, long authorId, long categoryId) {
        return viewer.memberId() == authorId || permissions.allows(Optional.of(viewer.asMemberView()),
                DiscussionPermissions.MODERATE, Scope.category(categoryId));
    }

    /** The tags of each of {@code topics}, in the order they were given; topics without tags are left out. */
    public static Map<Long, List<String>> forTopics(DSLContext sql, Collection<Long> topics) {
        Map<Long, List<String>> tags = new HashMap<>();
        if (topics.isEmpty()) {
            return tags;
        }
        // The insert order of topic_tags is not kept by every database: order by name for a stable display.
        sql.select(TOPIC_TAGS.TOPIC_ID, TAGS.NAME).from(TOPIC_TAGS).join(TAGS).on(TAGS.ID.eq(TOPIC_TAGS.TAG_ID))
                .where(TOPIC_TAGS.TOPIC_ID.in(topics)).orderBy(TAGS.NAME)
                .fetch().forEach(r -> tags.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return tags;
    }

    /** Every tag by name, with how many topics in {@code visible} categories carry it. */
    public static List<Tag> index(DSLContext sql, Set<Long> visible) {
        var counted = DSL.count(TOPICS.ID);
        return sql.select(TAGS.ID, TAGS.NAME, TAGS.DESCRIPTION, counted).from(TAGS)
                .leftJoin(TOPIC_TAGS).on(TOPIC_TAGS.TAG_ID.eq(TAGS.ID))
                .leftJoin(TOPICS).on(TOPICS.ID.eq(TOPIC_TAGS.TOPIC_ID), TOPICS.CATEGORY_ID.in(visible))
                .groupBy(TAGS.ID, TAGS.NAME, TAGS.DESCRIPTION)
                .orderBy(TAGS.NAME)
                .fetch(r -> new Tag(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public static Optional<Tag> find(DSLContext sql, String name) {
        return sql.select(TAGS.ID, TAGS.NAME, TAGS.DESCRIPTION).from(TAGS).where(TAGS.NAME.eq(name)).fetchOptional()
                .map(r -> new Tag(r.value1(), r.value2(), r.value3(), 0));
    }

    // The admin's list; the handlers check that the viewer is an admin.

    public Future<Long> create(String rawName, String rawDescription) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = valid(errors, () -> TagRules.name("name", rawName));
        String description = valid(errors, () -> TagRules.description("description", rawDescription));
        if (!errors.isEmpty()) {
            return Future.failedFuture(new InvalidInput(errors));
        }
        return db.write(tx -> {
            if (tx.sql().fetchExists(TAGS, TAGS.NAME.eq(name))) {
                throw new InvalidInput("name", "There is already a tag \"" + name + "\".");
            }
            return insert(tx, name, description);
        });
    }

    /** Renames and describes a tag; its topics keep it under the new name. */
    public Future<Void> update(long id, String rawName, String rawDescription) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = valid(errors, () -> TagRules.name("name", rawName));
        String description = valid(errors, () -> TagRules.description("description", rawDescription));
        if (!errors.isEmpty()) {
            return Future.failedFuture(new InvalidInput(errors));
        }
        return db.write(tx -> {
            if (!tx.sql().fetchExists(TAGS, TAGS.ID.eq(id))) {
                throw new NotFound("There is no such tag.");
            }
            if (tx.sql().fetchExists(TAGS, TAGS.NAME.eq(name), TAGS.ID.ne(id))) {
                throw new InvalidInput("name", "There is already a tag \"" + name + "\".");
            }
            tx.sql().update(TAGS).set(TAGS.NAME, name).set(TAGS.DESCRIPTION, description).where(TAGS.ID.eq(id))
                    .execute();
            return null;
        });
    }

    /** Deletes a tag; the topics that carried it lose it. */
    public Future<Void> delete(long id) {
        return db.write(tx -> {
            tx.sql().deleteFrom(TOPIC_TAGS).where(TOPIC_TAGS.TAG_ID.eq(id)).execute();
            if (tx.sql().deleteFrom(TAGS).where(TAGS.ID.eq(id)).execute() == 0) {
                throw new NotFound("There is no such tag.");
            }
            return null;
        });
    }

    private long idOf(Tx tx, String name) {
        var existing = tx.sql().select(TAGS.ID).from(TAGS).where(TAGS.NAME.eq(name)).fetchOptional(TAGS.ID);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Two members may bring in the same new tag at once: the later insert waits, is ignored, and the locking
        // read (which sees the latest committed row, not this transaction's snapshot) finds the earlier one's tag.
        tx.sql().insertInto(TAGS).set(TAGS.NAME, name).set(TAGS.DESCRIPTION, "").set(TAGS.CREATED_AT, clock.instant())
                .onDuplicateKeyIgnore().execute();
        return tx.sql().select(TAGS.ID).from(TAGS).where(TAGS.NAME.eq(name)).forUpdate().fetchSingle(TAGS.ID);
    }

    private long insert(Tx tx, String name, String description) {
        return tx.sql().insertInto(TAGS).set(TAGS.NAME, name).set(TAGS.DESCRIPTION, description)
                .set(TAGS.CREATED_AT, clock.instant()).returning(TAGS.ID).fetchSingle(TAGS.ID);
    }

    private static String valid(Map<String, String> errors, java.util.function.Supplier<String> rule) {
        try {
            return rule.get();
        } catch (InvalidInput invalid) {
            errors.putAll(invalid.errors());
            return null;
        }
    }
}
