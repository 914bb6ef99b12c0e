package hearth.plugins.gamification.awarding;

import static hearth.plugins.gamification.awarding.Tables.*;

import hearth.api.PluginContext;
import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.events.BadgeGranted;
import hearth.api.events.JournalEntry;
import hearth.api.notifications.NotificationKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Awarding as the site sees it: the journal listener (each fact stored once, applied in the same transaction, its
 * events journaled and members told after the commit), the replay that clears what awarding derived and applies every
 * stored fact again under the current rules, and admins' grants and revocations of badges by hand. One lock keeps a
 * replay and the listener from interleaving.
 */
public final class Awarding {

    private final PluginContext context;
    private final Tables t;
    private final Awarder awarder;
    private final BadgeBook book;
    private final NotificationKind told;
    private final Consumer<Set<Long>> changed;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * {@code changed} hears which members' points or badges changed (to refresh what slots show); an empty set after a
     * replay means everyone's.
     */
    public Awarding(PluginContext context, Tables tables, Awarder awarder, BadgeBook book, NotificationKind told,
                    Consumer<Set<Long>> changed) {
        this.context = context;
        this.t = tables;
        this.awarder = awarder;
        this.book = book;
        this.told = told;
        this.changed = changed;
    }

    /** The journal listener: idempotent, as a fact already stored is not applied again. */
    public void on(JournalEntry entry) {
        Fact.of(entry).ifPresent(fact -> {
            lock.lock();
            try {
                Awarder.Effects effects = context.database().transaction(tx -> {
                    if (tx.sql().fetchExists(t.facts, POSITION.eq(fact.position()))) {
                        return null;
                    }
                    store(tx.sql(), fact);
                    Awarder.Effects applied = awarder.apply(tx.sql(), fact);
                    applied.events().forEach(tx::record);
                    return applied;
                });
                if (effects != null && !effects.members().isEmpty()) {
                    effects.notices().forEach(this::send);
                    changed.accept(effects.members());
                }
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * Recomputes the ledger, totals, levels and badges from the stored facts under the current rules and badges, in one
     * transaction; admins' grants and revocations by hand stay. Nothing is journaled and nobody is told again.
     * Returns how many facts were applied.
     */
    public int replay() {
        lock.lock();
        try {
            int applied = context.database().write(sql -> {
                for (Table<Record> derived : List.of(t.ledger, t.members, t.daily, t.subjects, t.badges)) {
                    sql.deleteFrom(derived).execute();
                }
                sql.select(MEMBER_ID, BADGE, REASON, DECIDED_AT).from(t.decisions).where(GRANTED.isTrue())
                        .orderBy(DECIDED_AT, MEMBER_ID, BADGE).fetch()
                        .forEach(r -> book.find(r.value2()).ifPresent(rule ->
                                Awarder.grant(sql, t, r.value1(), rule, r.value4(), 0, true, r.value3())));
                int count = 0;
                long after = -1;
                while (true) {
                    List<Fact> page = sql.select(POSITION, AT, KIND, MEMBER_ID, OTHER_ID, TARGET_ID, TOPIC_ID,
                                    CATEGORY_ID, NUMBER, YES).from(t.facts).where(POSITION.gt(after))
                            .orderBy(POSITION).limit(500)
                            .fetch(r -> new Fact(r.value1(), r.value2(), Fact.Kind.valueOf(r.value3()), r.value4(),
                                    r.value5(), r.value6(), r.value7(), r.value8(), r.value9(), r.value10()));
                    if (page.isEmpty()) {
                        return count;
                    }
                    for (Fact fact : page) {
                        awarder.apply(sql, fact);
                    }
                    count += page.size();
                    after = page.getLast().position();
                }
            });
            changed.accept(Set.of());
            return applied;
        } finally {
            lock.unlock();
        }
    }

    /** An admin grants a badge by hand; the member is told. */
    public void grant(long memberId, String badge, String reason, long adminId) {
        BadgeRule rule = book.require(badge);
        String why = reason(reason);
        lock.lock();
        try {
            context.database().transaction(tx -> {
                if (tx.sql().fetchExists(t.badges, MEMBER_ID.eq(memberId), BADGE.eq(badge))) {
                    throw new Conflict("The member already holds this badge.");
                }
                Instant now = context.clock().instant();
                decide(tx.sql(), memberId, badge, true, why, adminId, now);
                Awarder.grant(tx.sql(), t, memberId, rule, now, 0, true, why);
                tx.record(new BadgeGranted(memberId, rule.key(), rule.name(), rule.tier(), why, adminId));
                return null;
            });
        } finally {
            lock.unlock();
        }
        send(Awarder.badgeNotice(memberId, rule));
        changed.accept(Set.of(memberId));
    }

    /** An admin takes a badge away; activity does not bring it back (until an admin grants it again). */
    public void revoke(long memberId, String badge, String reason, long adminId) {
        book.require(badge);
        String why = reason(reason);
        lock.lock();
        try {
            context.database().write(sql -> {
                if (sql.deleteFrom(t.badges).where(MEMBER_ID.eq(memberId), BADGE.eq(badge)).execute() == 0) {
                    throw new Conflict("The member does not hold this badge.");
                }
                sql.deleteFrom(t.featured).where(MEMBER_ID.eq(memberId), BADGE.eq(badge)).execute();
                decide(sql, memberId, badge, false, why, adminId, context.clock().instant());
                return null;
            });
        } finally {
            lock.unlock();
        }
        changed.accept(Set.of(memberId));
    }

    private void decide(DSLContext sql, long memberId, String badge, boolean granted, String reason, long adminId,
                        Instant now) {
        int updated = sql.update(t.decisions).set(GRANTED, granted).set(REASON, reason).set(BY_MEMBER_ID, adminId)
                .set(DECIDED_AT, now).where(MEMBER_ID.eq(memberId), BADGE.eq(badge)).execute();
        if (updated == 0) {
            sql.insertInto(t.decisions).set(MEMBER_ID, memberId).set(BADGE, badge).set(GRANTED, granted)
                    .set(REASON, reason).set(BY_MEMBER_ID, adminId).set(DECIDED_AT, now).execute();
        }
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInput("reason", "Say why, for the member and the record.");
        }
        if (why.length() > 500) {
            throw new InvalidInput("reason", "Keep the reason under 500 characters.");
        }
        return why;
    }

    private void store(DSLContext sql, Fact f) {
        sql.insertInto(t.facts).set(POSITION, f.position()).set(AT, f.at()).set(KIND, f.kind().name())
                .set(MEMBER_ID, f.memberId()).set(OTHER_ID, f.otherId()).set(TARGET_ID, f.targetId())
                .set(TOPIC_ID, f.topicId()).set(CATEGORY_ID, f.categoryId()).set(NUMBER, f.number())
                .set(YES, f.yes()).execute();
    }

    private void send(Awarder.Notice notice) {
        context.notifications().send(notice.memberId(), told, notice.title(), notice.url(), notice.dedupeKey());
    }
}
