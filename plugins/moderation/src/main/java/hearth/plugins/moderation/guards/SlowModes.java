package hearth.plugins.moderation.guards;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.plugins.moderation.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Slow mode per topic: one reply per N seconds per member. Moderators' settings are kept in
 * {@code moderation_slow_mode} and in memory; so is, for the guard, when each member last replied in each topic
 * (in memory only, bounded: after a restart members may reply once without waiting, which is harmless).
 */
public final class SlowModes {

    /** The longest slow mode a moderator may set: one hour. */
    public static final int MAX_SECONDS = 3600;
    /** How many (member, topic) reply times are kept before old ones are dropped. */
    private static final int MAX_REMEMBERED = 20_000;

    private record Key(long memberId, long topicId) {
    }

    private static final Field<Long> TOPIC_ID = Columns.id("topic_id");
    private static final Field<Integer> SECONDS = Columns.number("seconds");
    private static final Field<Long> SET_BY = Columns.id("set_by");
    private static final Field<Instant> SET_AT = Columns.instant("set_at");

    private final PluginDatabase db;
    private final AuditLog audit;
    private final Clock clock;
    private final Table<Record> table;
    private volatile Map<Long, Integer> secondsByTopic = Map.of();
    private final Map<Key, Instant> lastReply = new ConcurrentHashMap<>();

    public SlowModes(PluginDatabase db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.table = DSL.table(DSL.name(db.table("slow_mode")));
    }

    /** Reads the topics in slow mode (blocking). */
    public void reload() {
        Map<Long, Integer> fresh = new HashMap<>();
        db.read(sql -> sql.select(TOPIC_ID, SECONDS).from(table).fetch())
                .forEach(r -> fresh.put(r.value1(), r.value2()));
        secondsByTopic = Map.copyOf(fresh);
    }

    /** The topic's slow mode in seconds, 0 for none (memory). */
    public int seconds(long topicId) {
        return secondsByTopic.getOrDefault(topicId, 0);
    }

    /**
     * How many seconds the member must still wait before replying in the topic under a slow mode of
     * {@code seconds}, if any (memory).
     */
    public OptionalLong waitFor(long memberId, long topicId, int seconds) {
        Instant last = lastReply.get(new Key(memberId, topicId));
        if (seconds <= 0 || last == null) {
            return OptionalLong.empty();
        }
        Duration left = Duration.between(clock.instant(), last.plusSeconds(seconds));
        if (left.isNegative() || left.isZero()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (left.toMillis() + 999) / 1000));
    }

    /** Notes that the member replied in the topic now (memory). */
    public void replied(long memberId, long topicId) {
        if (lastReply.size() >= MAX_REMEMBERED) {
            Instant old = clock.instant().minusSeconds(MAX_SECONDS);
            lastReply.values().removeIf(at -> at.isBefore(old));
            if (lastReply.size() >= MAX_REMEMBERED) {
                lastReply.clear();
            }
        }
        lastReply.put(new Key(memberId, topicId), clock.instant());
    }

    /** Sets a topic's slow mode (0: off), with its audit entry; the caller checked the moderator may. */
    public void set(long topicId, long categoryId, int seconds, long moderatorId) {
        int before = seconds(topicId);
        if (before == seconds) {
            return;
        }
        db.transaction(tx -> {
            tx.sql().deleteFrom(table).where(TOPIC_ID.eq(topicId)).execute();
            if (seconds > 0) {
                tx.sql().insertInto(table, TOPIC_ID, SECONDS, SET_BY, SET_AT)
                        .values(topicId, seconds, moderatorId, clock.instant()).execute();
            }
            audit.record(tx, moderatorId, seconds > 0 ? "topic.slow-mode" : "topic.slow-mode-off", "topic",
                    topicId, categoryId, "", before + " s", seconds + " s");
            return null;
        });
        reload();
    }
}
