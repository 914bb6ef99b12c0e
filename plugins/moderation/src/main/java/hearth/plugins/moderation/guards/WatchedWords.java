package hearth.plugins.moderation.guards;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.plugins.moderation.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The watched words admins manage, stored in {@code moderation_watched_words} and held compiled in memory for the
 * guard (which may do no I/O): read at warm-up and again after every change an admin makes on this node.
 */
public final class WatchedWords {

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<String> PATTERN = Columns.text("pattern");
    private static final Field<String> KIND = Columns.text("kind");
    private static final Field<String> ACTION = Columns.text("action");
    private static final Field<Long> CREATED_BY = Columns.id("created_by");
    private static final Field<Instant> CREATED_AT = Columns.instant("created_at");

    private final PluginDatabase db;
    private final AuditLog audit;
    private final Clock clock;
    private final Table<Record> table;
    private volatile List<WatchedWord> words = List.of();

    public WatchedWords(PluginDatabase db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.table = DSL.table(DSL.name(db.table("watched_words")));
    }

    /** Reads every entry and compiles it (blocking). An entry that no longer compiles is skipped, not fatal. */
    public void reload() {
        words = db.read(sql -> sql.select(ID, PATTERN, KIND, ACTION, CREATED_BY).from(table).orderBy(ID).fetch())
                .stream()
                .flatMap(r -> {
                    try {
                        return Stream.of(WatchedWord.compile(r.value1(), r.value2(),
                                WatchedWord.kind(r.value3()), WatchedWord.action(r.value4()), r.value5()));
                    } catch (RuntimeException stale) {
                        return Stream.empty();
                    }
                })
                .toList();
    }

    /** Every entry, in the order they were added (memory). */
    public List<WatchedWord> all() {
        return words;
    }

    /** The first entry with {@code action} that matches the text, if any (memory). */
    public Optional<WatchedWord> first(Normalised text, WatchedWord.Action action) {
        for (WatchedWord word : words) {
            if (word.action() == action && word.matchesAny(text)) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    /** Adds an entry (checked by {@link WatchedWord#compile}) with its audit entry; returns its id. */
    public long add(String rawPattern, String rawKind, String rawAction, long adminId) {
        WatchedWord.Kind kind = WatchedWord.kind(rawKind);
        WatchedWord.Action action = WatchedWord.action(rawAction);
        WatchedWord word = WatchedWord.compile(0, rawPattern, kind, action, adminId);
        long id = db.transaction(tx -> {
            tx.sql().insertInto(table, PATTERN, KIND, ACTION, CREATED_BY, CREATED_AT)
                    .values(word.pattern(), kind.key(), action.key(), adminId, clock.instant()).execute();
            // Plain-SQL tables have no generated identity for RETURNING: read the row back in the transaction.
            long newId = tx.sql().select(DSL.max(ID)).from(table)
                    .where(CREATED_BY.eq(adminId), PATTERN.eq(word.pattern())).fetchSingle().value1();
            audit.record(tx, adminId, "watched-word.add", "watched-word", newId, 0, "",
                    null, kind.key() + " " + action.key() + ": " + word.pattern());
            return newId;
        });
        reload();
        return id;
    }

    /** Removes an entry with its audit entry; removing one already gone changes nothing. */
    public void remove(long id, long adminId) {
        db.transaction(tx -> {
            Optional<WatchedWord> old = words.stream().filter(w -> w.id() == id).findFirst();
            int deleted = tx.sql().deleteFrom(table).where(ID.eq(id)).execute();
            if (deleted > 0) {
                audit.record(tx, adminId, "watched-word.remove", "watched-word", id, 0, "",
                        old.map(w -> w.kind().key() + " " + w.action().key() + ": " + w.pattern()).orElse(null),
                        null);
            }
            return deleted;
        });
        reload();
    }
}
