package hearth.plugins.moderation.guards;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.errors.InvalidInput;
import hearth.plugins.moderation.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Crisis mode: one switch, kept in {@code moderation_crisis} (one row) so it survives a restart, and in memory for
 * the guard and the banner. While on, new members cannot post, every topic is in slow mode, posts with links wait
 * for a moderator and every page shows a banner; staff are not held back by any of it.
 */
public final class Crisis {

    /** The switch as it stands. */
    public record State(boolean active, String reason, long changedBy, Instant changedAt) {
        static final State OFF = new State(false, "", 0, null);
    }

    private static final Field<Integer> ID = Columns.number("id");
    private static final Field<Boolean> ACTIVE = Columns.flag("active");
    private static final Field<String> REASON = Columns.text("reason");
    private static final Field<Long> CHANGED_BY = Columns.id("changed_by");
    private static final Field<Instant> CHANGED_AT = Columns.instant("changed_at");

    private final PluginDatabase db;
    private final AuditLog audit;
    private final Clock clock;
    private final Table<Record> table;
    private volatile State state = State.OFF;

    public Crisis(PluginDatabase db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.table = DSL.table(DSL.name(db.table("crisis")));
    }

    /** Reads the switch (blocking). */
    public void reload() {
        state = db.read(sql -> sql.select(ACTIVE, REASON, CHANGED_BY, CHANGED_AT).from(table).where(ID.eq(1))
                .fetchOptional(r -> new State(Boolean.TRUE.equals(r.value1()), r.value2(), r.value3(), r.value4())))
                .orElse(State.OFF);
    }

    /** The switch now (memory). */
    public State state() {
        return state;
    }

    public boolean active() {
        return state.active();
    }

    /**
     * Turns crisis mode on or off, with the reason (required) in the audit log; switching to where it already is
     * changes nothing.
     */
    public void turn(boolean on, String rawReason, long adminId) {
        String reason = rawReason == null ? "" : rawReason.strip();
        if (reason.isEmpty()) {
            throw new InvalidInput("reason", "Please say why, for the audit log.");
        }
        if (reason.length() > 500) {
            throw new InvalidInput("reason", "Please keep the reason under 500 characters.");
        }
        db.transaction(tx -> {
            Optional<Boolean> current = tx.sql().select(ACTIVE).from(table).where(ID.eq(1)).forUpdate()
                    .fetchOptional(ACTIVE);
            if (current.orElse(false) == on) {
                return null;
            }
            Instant now = clock.instant();
            if (current.isPresent()) {
                tx.sql().update(table).set(ACTIVE, on).set(REASON, reason).set(CHANGED_BY, adminId)
                        .set(CHANGED_AT, now).where(ID.eq(1)).execute();
            } else {
                tx.sql().insertInto(table, ID, ACTIVE, REASON, CHANGED_BY, CHANGED_AT)
                        .values(1, on, reason, adminId, now).execute();
            }
            audit.record(tx, adminId, on ? "crisis.on" : "crisis.off", "site", 0, 0, reason,
                    on ? "off" : "on", on ? "on" : "off");
            return null;
        });
        reload();
    }
}
