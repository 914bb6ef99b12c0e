package hearth.server.events;

import static hearth.server.db.schema.tables.Events.EVENTS;

import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** The event a discussion topic belongs to, for the topic page's link (a series: its first occurrence). */
public final class TopicEvents {

    private TopicEvents() {
    }

    /** {@code url}, {@code title} and {@code startsAt} of the topic's event, if it is one's discussion. */
    public static Optional<Map<String, Object>> of(DSLContext sql, long topicId) {
        return sql.select(EVENTS.ID, EVENTS.TITLE, EVENTS.STARTS_AT).from(EVENTS).where(EVENTS.TOPIC_ID.eq(topicId))
                .orderBy(EVENTS.STARTS_AT, EVENTS.ID).limit(1)
                .fetchOptional(r -> Map.<String, Object>of("url", "/events/" + r.value1(), "title", r.value2(),
                        "startsAt", r.value3()));
    }
}
