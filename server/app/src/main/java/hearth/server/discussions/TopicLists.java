package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.TopicTags.TOPIC_TAGS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.errors.InvalidInput;
import hearth.server.tags.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The topic lists: latest activity, top (most replies in a period), unanswered, each site-wide or in one category,
 * with pinned topics first. Pages are cut by a cursor (the last row's sort key and id), so rows never repeat or go
 * missing when new topics arrive while someone pages.
 */
public final class TopicLists {

    /** How a list is sorted and filtered. */
    public enum Order {
        LATEST, TOP, UNANSWERED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Order parse(String typed) {
            for (Order order : values()) {
                if (order.key().equals(typed)) {
                    return order;
                }
            }
            throw new InvalidInput("order", "Choose latest, top or unanswered.");
        }
    }

    /** The period of the top list. */
    public enum Period {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30)), YEAR(Duration.ofDays(365)),
        ALL(null);

        private final Duration length;

        Period(Duration length) {
            this.length = length;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Period parse(String typed) {
            for (Period period : values()) {
                if (period.key().equals(typed)) {
                    return period;
                }
            }
            throw new InvalidInput("period", "Choose day, week, month, year or all.");
        }
    }

    /** A topic as a list shows it. */
    public record TopicRow(long id, String slug, String title, long categoryId, String category,
                           String categoryColor, String author, int replies, int views, Instant lastPostedAt,
                           boolean pinned, String kind, boolean solved, List<String> tags) {

        public String url() {
            return "/t/" + slug + "/" + id;
        }
    }

    /** One page of a list and the cursor of the next page, if there is one. */
    public record Page(List<TopicRow> topics, Optional<String> next) {
    }

    /**
     * What to list: {@code category} 0 for the whole site; only topics in {@code visible} categories are listed;
     * {@code tag} other than 0 lists only the topics with that tag (pinned topics first, as in a category). An empty
     * cursor asks for the first page, which starts with the pinned topics.
     */
    public record Query(Order order, Period period, long category, Set<Long> visible, Optional<String> cursor,
                        int limit, long tag) {

        public Query(Order order, Period period, long category, Set<Long> visible, Optional<String> cursor,
                     int limit) {
            this(order, period, category, visible, cursor, limit, 0);
        }
    }

    private final Clock clock;

    public TopicLists(Clock clock) {
        this.clock = clock;
    }

    /** The id of the newest topic (0 when there is none): where a list page's live "new topics" count starts. */
    public static long newestTopicId(DSLContext sql) {
        Long newest = sql.select(org.jooq.impl.DSL.max(TOPICS.ID)).from(TOPICS).fetchSingle().value1();
        return newest == null ? 0 : newest;
    }

    public Page list(DSLContext sql, Query query) {
        return list(sql, query, org.jooq.impl.DSL.noCondition());
    }

    /** The list, further narrowed by {@code also} (for one member: leave out what they muted). */
    public Page list(DSLContext sql, Query query, Condition also) {
        // Hidden topics (under review) and unlisted ones are out of every list; their links still work for who may see them.
        Condition where = TOPICS.CATEGORY_ID.in(query.visible()).and(TOPICS.DELETED_AT.isNull())
                .and(TOPICS.HIDDEN_AT.isNull()).and(TOPICS.UNLISTED.isFalse()).and(also);
        if (query.category() != 0) {
            where = where.and(TOPICS.CATEGORY_ID.eq(query.category()));
        }
        if (query.tag() != 0) {
            where = where.and(TOPICS.ID.in(DSL.select(TOPIC_TAGS.TOPIC_ID).from(TOPIC_TAGS)
                    .where(TOPIC_TAGS.TAG_ID.eq(query.tag()))));
        }
        if (query.order() == Order.UNANSWERED) {
            where = where.and(TOPICS.REPLY_COUNT.eq(0));
        }
        if (query.order() == Order.TOP && query.period().length != null) {
            where = where.and(TOPICS.CREATED_AT.ge(clock.instant().minus(query.period().length)));
        }
        Condition pinnedHere = query.category() == 0 && query.tag() == 0 ? TOPICS.PINNED.eq("site")
                : TOPICS.PINNED.ne("none");
        List<TopicRow> rows = new ArrayList<>();
        if (query.cursor().isEmpty() && query.order() == Order.LATEST) {
            rows.addAll(select(sql, where.and(pinnedHere), List.of(TOPICS.LAST_POSTED_AT.desc(), TOPICS.ID.desc()),
                    query.limit(), true));
        }
        Condition rest = query.order() == Order.LATEST ? where.and(pinnedHere.not()) : where;
        Field<?> key = query.order() == Order.TOP ? TOPICS.REPLY_COUNT : TOPICS.LAST_POSTED_AT;
        if (query.cursor().isPresent()) {
            rest = rest.and(after(key, query.cursor().get()));
        }
        List<TopicRow> page = select(sql, rest, List.of(key.desc(), TOPICS.ID.desc()), query.limit() + 1, false);
        Optional<String> next = Optional.empty();
        if (page.size() > query.limit()) {
            page = page.subList(0, query.limit());
            TopicRow last = page.getLast();
            next = Optional.of(cursor(query.order() == Order.TOP ? String.valueOf(last.replies())
                    : last.lastPostedAt().toString(), last.id()));
        }
        rows.addAll(page);
        Map<Long, List<String>> tags = Tags.forTopics(sql, rows.stream().map(TopicRow::id).toList());
        return new Page(rows.stream().map(r -> tags.containsKey(r.id()) ? new TopicRow(r.id(), r.slug(), r.title(),
                r.categoryId(), r.category(), r.categoryColor(), r.author(), r.replies(), r.views(), r.lastPostedAt(),
                r.pinned(), r.kind(), r.solved(), tags.get(r.id())) : r).toList(), next);
    }

    private static List<TopicRow> select(DSLContext sql, Condition where, List<SortField<?>> order, int limit,
                                         boolean pinned) {
        // The page's ids first, from the topics alone: then the database walks the ordering index and stops after
        // `limit` rows. With the joins in the same query MariaDB started from the categories and sorted every topic.
        Table<?> page = sql.select(TOPICS.ID).from(TOPICS).where(where).orderBy(order).limit(limit).asTable("page");
        return sql.select(TOPICS.ID, TOPICS.SLUG, TOPICS.TITLE,
                        TOPICS.CATEGORY_ID, CATEGORIES.NAME, CATEGORIES.COLOR, MEMBERS.DISPLAY_NAME,
                        TOPICS.REPLY_COUNT, TOPICS.VIEW_COUNT, TOPICS.LAST_POSTED_AT, TOPICS.KIND,
                        TOPICS.ACCEPTED_POST_ID)
                .from(page)
                .join(TOPICS).on(TOPICS.ID.eq(page.field(TOPICS.ID)))
                .join(CATEGORIES).on(CATEGORIES.ID.eq(TOPICS.CATEGORY_ID))
                .join(MEMBERS).on(MEMBERS.ID.eq(TOPICS.AUTHOR_ID))
                .orderBy(order).fetch(r -> new TopicRow(r.get(TOPICS.ID), r.get(TOPICS.SLUG),
                r.get(TOPICS.TITLE), r.get(TOPICS.CATEGORY_ID), r.get(CATEGORIES.NAME), r.get(CATEGORIES.COLOR),
                r.get(MEMBERS.DISPLAY_NAME), r.get(TOPICS.REPLY_COUNT), r.get(TOPICS.VIEW_COUNT),
                r.get(TOPICS.LAST_POSTED_AT), pinned, r.get(TOPICS.KIND), r.get(TOPICS.ACCEPTED_POST_ID) != null,
                List.of()));
    }

    /** Rows after the cursor's row in the (key desc, id desc) order; a cursor of another list is refused. */
    private static Condition after(Field<?> key, String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            long id = Long.parseLong(parts[1]);
            if (key == TOPICS.REPLY_COUNT) {
                int replies = Integer.parseInt(parts[0]);
                return TOPICS.REPLY_COUNT.lt(replies).or(TOPICS.REPLY_COUNT.eq(replies).and(TOPICS.ID.lt(id)));
            }
            Instant at = Instant.parse(parts[0]);
            return TOPICS.LAST_POSTED_AT.lt(at).or(TOPICS.LAST_POSTED_AT.eq(at).and(TOPICS.ID.lt(id)));
        } catch (RuntimeException e) {
            throw new InvalidInput("cursor", "This page link is broken; start again from the first page.");
        }
    }

    private static String cursor(String key, long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((key + "|" + id).getBytes(StandardCharsets.UTF_8));
    }
}
