package hearth.plugins.volunteerroles.trust;

import hearth.api.PluginContext;
import hearth.api.data.Columns;
import hearth.api.errors.InvalidInput;
import hearth.api.events.TrustLevelChanged;
import hearth.api.notifications.NotificationKind;
import hearth.plugins.volunteerroles.roles.Changes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Members' trust levels, 0 (new) to 4 (leader). Levels 1 to 3 are earned from activity: a member is promoted as soon
 * as they meet a level's requirements (checked when they act and every night), and a level 3 member whose activity
 * over the window no longer meets level 3 goes back to 2 (not within {@link #GRACE} of the promotion, so a quiet
 * fortnight right after earning it does not cost it). Level 4 and locked levels are set by admins only. Levels are
 * held in memory for the access policy and guards.
 */
public final class TrustLevels {

    /** The names of the levels, as members read them. */
    public static final List<String> NAMES = List.of("new", "basic", "member", "regular", "leader");
    /** No demotion from level 3 sooner than this after the promotion. */
    public static final Duration GRACE = Duration.ofDays(14);

    /** A member's level, whether admins locked it, and since when they have it. */
    public record Standing(int level, boolean locked, Instant since) {
    }

    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<Integer> LEVEL = Columns.number("level");
    private static final Field<Boolean> LOCKED = Columns.flag("locked");
    private static final Field<Instant> CHANGED_AT = Columns.instant("changed_at");

    private final PluginContext context;
    private final Requirements requirements;
    private final ActivityLog activity;
    private final Changes changes;
    private final NotificationKind told;
    private final Table<Record> table;
    private volatile Map<Long, Standing> standings = new ConcurrentHashMap<>();

    public TrustLevels(PluginContext context, Requirements requirements, ActivityLog activity, Changes changes,
                       NotificationKind told) {
        this.context = context;
        this.requirements = requirements;
        this.activity = activity;
        this.changes = changes;
        this.told = told;
        this.table = DSL.table(DSL.name(context.database().table("trust")));
    }

    /** Reads every member's level (blocking). */
    public void reload() {
        Map<Long, Standing> fresh = new ConcurrentHashMap<>();
        context.database().read(sql -> sql.select(MEMBER_ID, LEVEL, LOCKED, CHANGED_AT).from(table).fetch())
                .forEach(r -> fresh.put(r.value1(), new Standing(r.value2(), r.value3(), r.value4())));
        standings = fresh;
    }

    /** The member's standing, from memory; level 0 for a member never promoted. */
    public Standing standing(long memberId) {
        return standings.getOrDefault(memberId, new Standing(0, false, Instant.EPOCH));
    }

    public int level(long memberId) {
        return standing(memberId).level();
    }

    /** The highest level (0 to 3) the member's activity earns. */
    public int earned(long memberId) {
        Activity ever = activity.since(memberId, Instant.EPOCH);
        if (!meets(1, ever)) {
            return 0;
        }
        if (!meets(2, ever)) {
            return 1;
        }
        return meets(3, windowActivity(memberId)) ? 3 : 2;
    }

    /** The member's activity over level 3's window. */
    public Activity windowActivity(long memberId) {
        return activity.since(memberId, context.clock().instant().minus(Duration.ofDays(requirements.window())));
    }

    private boolean meets(int level, Activity counted) {
        return requirements.of(level).stream().allMatch(r -> r.metBy(counted));
    }

    /**
     * Promotes the member if their activity now earns more (blocking): called as they act. Level 3 and above have
     * nothing more to earn by activity, so they cost nothing here; their level 3 is reviewed nightly.
     */
    public void promote(long memberId) {
        if (standing(memberId).level() < 3) {
            evaluate(memberId);
        }
    }

    /** Promotes or demotes the member if their activity says so (blocking); locked and level 4 members stay. */
    public void evaluate(long memberId) {
        Standing now = standing(memberId);
        if (now.locked() || now.level() == 4) {
            return;
        }
        int earned = earned(memberId);
        if (earned > now.level()) {
            change(memberId, earned, false, "Requirements for level " + earned + " met", 0);
        } else if (now.level() == 3 && earned < 3
                && !context.clock().instant().isBefore(now.since().plus(GRACE))) {
            change(memberId, 2, false, "Level 3 requirements no longer met over the last " + requirements.window()
                    + " days", 0);
        }
    }

    /** The nightly run: every member seen within the window or holding a level. */
    public void evaluateAll() {
        Set<Long> members = new TreeSet<>(standings.keySet());
        members.addAll(activity.visitorsSince(context.clock().instant()
                .minus(Duration.ofDays(requirements.window()))));
        members.forEach(this::evaluate);
    }

    /** An admin sets a level, and locks it (activity no longer changes it) or unlocks it. */
    public void set(long memberId, int level, boolean lock, String reason, long actorId) {
        if (level < 0 || level > 4) {
            throw new InvalidInput("level", "Choose a trust level from 0 to 4.");
        }
        context.members().byId(memberId).orElseThrow(() -> new InvalidInput("member", "There is no such member."));
        String why = reason == null || reason.isBlank() ? "Set by an admin" : reason.strip();
        if (why.length() > 500) {
            throw new InvalidInput("reason", "Keep the reason under 500 characters.");
        }
        change(memberId, level, lock, why, actorId);
        if (!lock) {
            evaluate(memberId);
        }
    }

    private void change(long memberId, int level, boolean lock, String reason, long actorId) {
        Standing before = standing(memberId);
        Instant at = context.clock().instant();
        Standing after = context.database().transaction(tx -> {
            Standing stored = read(tx.sql(), memberId);
            if (stored.level() == level && stored.locked() == lock) {
                return null;
            }
            int updated = tx.sql().update(table).set(LEVEL, level).set(LOCKED, lock)
                    .set(CHANGED_AT, stored.level() == level ? stored.since() : at)
                    .where(MEMBER_ID.eq(memberId)).execute();
            if (updated == 0) {
                tx.sql().insertInto(table, MEMBER_ID, LEVEL, LOCKED, CHANGED_AT).values(memberId, level, lock, at)
                        .execute();
            }
            if (stored.level() != level) {
                tx.record(new TrustLevelChanged(memberId, stored.level(), level, reason, actorId));
            }
            changes.add(tx.sql(), actorId, lock ? "trust-locked" : "trust-level", memberId, 0,
                    "Level " + stored.level() + " → " + level + (lock ? " (locked)" : "") + ". " + reason);
            return new Standing(level, lock, stored.level() == level ? stored.since() : at);
        });
        if (after != null) {
            standings.put(memberId, after);
        }
        if (after != null && before.level() != level) {
            String title = level > before.level()
                    ? "You reached trust level " + level + " (" + NAMES.get(level) + ")"
                    : "Your trust level is now " + level + " (" + NAMES.get(level) + ")";
            context.members().byId(memberId).ifPresent(member -> context.notifications().send(memberId, told, title,
                    "/x/volunteer-roles/trust/" + member.username(), "trust:" + memberId + ":" + level + ":" + at));
        }
    }

    private Standing read(DSLContext sql, long memberId) {
        return sql.select(LEVEL, LOCKED, CHANGED_AT).from(table).where(MEMBER_ID.eq(memberId)).forUpdate()
                .fetchOptional(r -> new Standing(r.value1(), r.value2(), r.value3()))
                .orElse(new Standing(0, false, Instant.EPOCH));
    }
}
