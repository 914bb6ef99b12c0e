package hearth.server.search;

import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.search.SearchHit;
import hearth.api.search.SearchQuery;
import hearth.api.search.SearchResults;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The core's own search, used when no plugin provides one: a case-insensitive substring match on topic titles and
 * post bodies, newest post first. A title match counts as a hit on the topic's opening post, so a topic found by
 * its title appears once. It scans the tables (no index can serve {@code LIKE '%…%'}): fine for a small community,
 * and the reason a search plugin exists.
 */
public final class PlainSearch {

    /** The escape character for LIKE patterns; not the backslash, which MariaDB also treats specially in strings. */
    private static final char ESCAPE = '!';

    /** One page of hits for {@code query}, with the total; blocking, on a database worker. */
    public SearchResults search(DSLContext sql, SearchQuery query) {
        String text = query.text().strip();
        String pattern = "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
        Condition matches = DSL.lower(POSTS.BODY_MARKDOWN).like(pattern, ESCAPE)
                .or(POSTS.POST_NUMBER.eq(1).and(DSL.lower(TOPICS.TITLE).like(pattern, ESCAPE)))
                // Deleted posts, and topics hidden with their opening post, are not found; private conversations
                // and unpublished topics have no category and are never found.
                .and(POSTS.DELETED_AT.isNull()).and(POSTS.HIDDEN_AT.isNull()).and(TOPICS.DELETED_AT.isNull())
                .and(TOPICS.HIDDEN_AT.isNull()).and(TOPICS.CATEGORY_ID.isNotNull());
        long total = sql.selectCount()
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(matches)
                .fetchSingle().value1();
        if (total <= query.offset() || query.limit() <= 0) {
            return new SearchResults(List.of(), total);
        }
        List<SearchHit> hits = sql
                .select(POSTS.TOPIC_ID, POSTS.POST_NUMBER, TOPICS.TITLE, POSTS.BODY_MARKDOWN, POSTS.CREATED_AT)
                .from(POSTS).join(TOPICS).on(TOPICS.ID.eq(POSTS.TOPIC_ID))
                .where(matches)
                .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc())
                .limit(query.limit())
                .offset(query.offset())
                .fetch(r -> new SearchHit(r.value1(), r.value2(), r.value3(), Snippet.around(r.value4(), text),
                        r.value5()));
        return new SearchResults(hits, total);
    }

    /** {@code text} matched literally by LIKE: its own {@code %} and {@code _} are not wildcards. */
    static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == ESCAPE || c == '%' || c == '_') {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}
