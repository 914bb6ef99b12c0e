package hearth.server.discussions;

import static hearth.server.db.schema.tables.TopicViews.TOPIC_VIEWS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.server.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts topic views once per member (visitors: per address) per topic per UTC day. Viewers are kept only as a hash
 * with the day in it, and only for today and yesterday. Counting happens after the page is sent and never fails it.
 */
public final class TopicViews {

    private static final Logger log = LoggerFactory.getLogger(TopicViews.class);
    private static final int MEMORY = 100_000;

    private final Database db;
    private final Clock clock;
    private final AtomicLong purgedDay = new AtomicLong(-1);
    /** Viewer keys this node already counted today, so a repeat view costs no write. */
    private final Set<String> counted = ConcurrentHashMap.newKeySet();
    private final AtomicLong countedDay = new AtomicLong(-1);

    public TopicViews(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Counts a view (off the event loop; returns at once). */
    public void record(long topicId, Optional<Long> memberId, String address) {
        int day = (int) clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
        String key = hash(memberId.map(id -> "member:" + id).orElse("address:" + address) + ":" + day);
        if (countedDay.getAndSet(day) != day || counted.size() > MEMORY) {
            counted.clear();
        }
        if (!counted.add(topicId + ":" + key)) {
            return;
        }
        db.write(tx -> {
            int added = tx.sql().insertInto(TOPIC_VIEWS, TOPIC_VIEWS.TOPIC_ID, TOPIC_VIEWS.VIEWER_KEY,
                            TOPIC_VIEWS.VIEW_DAY)
                    .select(DSL.select(DSL.val(topicId, TOPIC_VIEWS.TOPIC_ID), DSL.val(key, TOPIC_VIEWS.VIEWER_KEY),
                                    DSL.val(day, TOPIC_VIEWS.VIEW_DAY))
                            .whereNotExists(DSL.selectOne().from(TOPIC_VIEWS).where(TOPIC_VIEWS.TOPIC_ID.eq(topicId),
                                    TOPIC_VIEWS.VIEWER_KEY.eq(key), TOPIC_VIEWS.VIEW_DAY.eq(day))))
                    .execute();
            if (added > 0) {
                tx.sql().update(TOPICS).set(TOPICS.VIEW_COUNT, TOPICS.VIEW_COUNT.plus(1))
                        .where(TOPICS.ID.eq(topicId)).execute();
            }
            if (purgedDay.getAndSet(day) != day) {
                tx.sql().deleteFrom(TOPIC_VIEWS).where(TOPIC_VIEWS.VIEW_DAY.lt(day - 1)).execute();
            }
            return added;
        }).onFailure(e -> log.debug("A topic view was not counted: {}", e.toString()));
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
