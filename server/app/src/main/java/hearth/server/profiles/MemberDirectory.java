package hearth.server.profiles;

import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.server.accounts.Viewer;
import hearth.server.profiles.DirectoryQuery.Sort;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The member directory: every member, sortable, searchable by the start of a username or display name, in pages.
 * Privacy holds in the list too: for viewers other than staff (and the member themself), a private profile shows
 * only its username and a hidden presence no last-seen time, and neither can be found or ordered by what it hides
 * (private members never match on display name and sort last by posts, likes and last seen).
 */
public final class MemberDirectory {

    public static final int PAGE_SIZE = 30;

    /** One member in the list; null parts are hidden from this viewer. */
    public record Row(long id, String username, String displayName, boolean restricted, Instant joinedAt,
                      Integer posts, Integer likesReceived, Instant lastSeenAt, boolean presenceHidden) {

        public String url() {
            return "/u/" + username;
        }

        JsonObject toJson() {
            return new JsonObject().put("id", id).put("username", username).put("restricted", restricted)
                    .put("displayName", displayName)
                    .put("joinedAt", joinedAt == null ? null : joinedAt.toString())
                    .put("posts", posts).put("likesReceived", likesReceived)
                    .put("presenceHidden", presenceHidden)
                    .put("lastSeenAt", lastSeenAt == null ? null : lastSeenAt.toString())
                    .put("url", url());
        }
    }

    /** A page of the directory. */
    public record Page(DirectoryQuery query, List<Row> members, boolean hasNext) {

        public boolean hasPrevious() {
            return query.page() > 1;
        }

        public String previousUrl() {
            return query.url(query.sort(), query.page() - 1);
        }

        public String nextUrl() {
            return query.url(query.sort(), query.page() + 1);
        }

        public JsonObject toJson() {
            JsonArray list = new JsonArray();
            members.forEach(m -> list.add(m.toJson()));
            return new JsonObject().put("sort", query.sort().key()).put("q", query.q()).put("page", query.page())
                    .put("pageSize", PAGE_SIZE).put("hasPrevious", hasPrevious()).put("hasNext", hasNext)
                    .put("members", list);
        }
    }

    public Page list(DSLContext sql, Optional<Viewer> viewer, DirectoryQuery query) {
        boolean staff = viewer.map(Viewer::isStaff).orElse(false);
        long self = viewer.map(Viewer::memberId).orElse(-1L);
        // What this viewer may see of each row, as SQL so that search and order respect it too.
        Condition profileShown = staff ? DSL.trueCondition()
                : MEMBERS.PROFILE_HIDDEN.isFalse().or(MEMBERS.ID.eq(self));
        Condition presenceShown = staff ? DSL.trueCondition()
                : MEMBERS.PROFILE_HIDDEN.isFalse().and(MEMBERS.PRESENCE_HIDDEN.isFalse()).or(MEMBERS.ID.eq(self));

        // Posts in private conversations and unpublished topics (no category) do not count.
        Table<?> postCounts = DSL.select(POSTS.AUTHOR_ID, DSL.count().as("post_count"))
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID)).where(TOPICS.CATEGORY_ID.isNotNull())
                .groupBy(POSTS.AUTHOR_ID).asTable("post_counts");
        Field<Long> authorId = postCounts.field(POSTS.AUTHOR_ID);
        Field<Integer> posts = DSL.coalesce(postCounts.field("post_count", Integer.class), DSL.inline(0));
        Field<Boolean> shown = DSL.field(profileShown);
        Field<Boolean> present = DSL.field(presenceShown);

        List<Row> rows = new ArrayList<>();
        sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, MEMBERS.CREATED_AT, MEMBERS.LAST_SEEN_AT,
                        posts, shown, present)
                .from(MEMBERS)
                .leftJoin(postCounts).on(authorId.eq(MEMBERS.ID))
                .where(search(query.q(), profileShown).and(MEMBERS.DELETED_AT.isNull())) // no tombstones
                .orderBy(order(query.sort(), posts, profileShown, presenceShown))
                .limit(PAGE_SIZE + 1)
                .offset((query.page() - 1) * PAGE_SIZE)
                .forEach(r -> {
                    boolean visible = Boolean.TRUE.equals(r.value7());
                    boolean presence = Boolean.TRUE.equals(r.value8());
                    rows.add(new Row(r.value1(), r.value2(), visible ? r.value3() : null, !visible,
                            visible ? r.value4() : null, visible ? r.value6() : null, visible ? 0 : null,
                            presence ? r.value5() : null, visible && !presence));
                });
        boolean hasNext = rows.size() > PAGE_SIZE;
        return new Page(query, hasNext ? rows.subList(0, PAGE_SIZE) : rows, hasNext);
    }

    /** Usernames, and display names the viewer may see, that start with the prefix (any case). */
    private static Condition search(String q, Condition profileShown) {
        if (q.isEmpty()) {
            return DSL.trueCondition();
        }
        String pattern = q.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return MEMBERS.USERNAME_KEY.like(pattern, '!')
                .or(profileShown.and(DSL.lower(MEMBERS.DISPLAY_NAME).like(pattern, '!')));
    }

    private static List<SortField<?>> order(Sort sort, Field<Integer> posts, Condition profileShown,
                                            Condition presenceShown) {
        return switch (sort) {
            case JOINED -> List.of(MEMBERS.CREATED_AT.desc(), MEMBERS.ID.desc());
            case POSTS -> List.of(DSL.when(profileShown, posts).desc().nullsLast(), MEMBERS.ID.asc());
            // Likes do not exist yet (the discussions issue adds them): every visible member has 0.
            case LIKES -> List.of(DSL.when(profileShown, DSL.inline(0)).desc().nullsLast(), MEMBERS.ID.asc());
            case LAST_SEEN -> List.of(DSL.when(presenceShown, MEMBERS.LAST_SEEN_AT).desc().nullsLast(),
                    MEMBERS.ID.asc());
        };
    }
}
