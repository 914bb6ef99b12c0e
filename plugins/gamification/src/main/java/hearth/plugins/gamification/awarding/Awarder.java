package hearth.plugins.gamification.awarding;

import static hearth.plugins.gamification.awarding.Tables.*;

import hearth.api.events.BadgeGranted;
import hearth.api.events.DomainEvent;
import hearth.api.events.LevelReached;
import hearth.api.events.PointsAwarded;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record8;
import org.jooq.impl.DSL;

/**
 * Turns one fact into ledger rows, totals, levels and badges. It reads nothing but the fact, the rules and the
 * plugin's own tables (which earlier facts wrote), and counts days in the rules' time zone from the fact's time (a
 * visit: the day it records), never the wall clock: so applying the facts again in order, after clearing those tables,
 * gives exactly the same result.
 */
public final class Awarder {

    /** A notification for a member, sent after the live transaction commits. */
    public record Notice(long memberId, String title, String url, String dedupeKey) {
    }

    /** What applying a fact did beyond the tables: events to journal, members to tell, cards to refresh. */
    public record Effects(List<DomainEvent> events, List<Notice> notices, Set<Long> members) {
    }

    private static final String EARNED = "earned";
    private static final String WITHDRAWN = "withdrawn";
    private static final String REMOVED = "removed";
    private static final String RESTORED = "restored";

    private final Tables t;
    private final Rules rules;
    private final Levels levels;
    private final BadgeBook book;

    public Awarder(Tables tables, Rules rules, Levels levels, BadgeBook book) {
        this.t = tables;
        this.rules = rules;
        this.levels = levels;
        this.book = book;
    }

    /** Applies one fact in the caller's transaction. */
    public Effects apply(DSLContext sql, Fact fact) {
        // A visit is journaled just after the request, so its day is the one the request was on, not the entry's.
        LocalDate day = fact.kind() == Fact.Kind.VISIT ? LocalDate.ofEpochDay(fact.number())
                : LocalDate.ofInstant(fact.at(), rules.zone());
        Step step = new Step(sql, fact, day);
        switch (fact.kind()) {
            case JOINED -> member(sql, fact.memberId(), step.day);
            case TOPIC -> subject(sql, "topic:" + fact.topicId(), fact.memberId(), fact.categoryId(),
                    count(sql, fact.memberId(), Set.of(Action.TOPIC.key()), 0, null) == 0);
            case EVENT -> subject(sql, "event:" + fact.targetId(), fact.memberId(), fact.categoryId(), false);
            case POST -> post(step);
            case LIKE -> like(step);
            case ANSWER -> {
                String post = "post:" + fact.targetId();
                if (!fact.yes()) {
                    step.revoke(fact.memberId(), post, Action.ACCEPTED_ANSWER);
                } else if (fact.memberId() != fact.otherId() && !step.holds(fact.memberId(), Action.ACCEPTED_ANSWER,
                        post)) {
                    step.award(fact.memberId(), Action.ACCEPTED_ANSWER, post, fact.otherId(), category(sql, post));
                }
            }
            case DELETED, HIDDEN -> {
                String post = "post:" + fact.targetId();
                step.revoke(fact.memberId() != 0 ? fact.memberId() : author(sql, post), post, null, null, REMOVED);
            }
            case RESTORED -> {
                String post = "post:" + fact.targetId();
                step.restore(fact.memberId() != 0 ? fact.memberId() : author(sql, post), post);
            }
            case VISIT -> visit(step);
            case ATTENDED -> {
                String event = "event:" + fact.targetId();
                if (!step.holds(fact.memberId(), Action.EVENT_ATTENDED, event)) {
                    step.award(fact.memberId(), Action.EVENT_ATTENDED, event, 0, category(sql, event));
                }
            }
            case FLAG -> {
                String flag = "flag:" + fact.targetId();
                if (!fact.yes()) {
                    step.revoke(fact.memberId(), flag, Action.ACCEPTED_FLAG);
                } else if (!step.holds(fact.memberId(), Action.ACCEPTED_FLAG, flag)) {
                    step.award(fact.memberId(), Action.ACCEPTED_FLAG, flag, fact.otherId(), 0);
                }
            }
        }
        return new Effects(step.events, step.notices, step.touched);
    }

    private void post(Step step) {
        Fact fact = step.fact;
        DSLContext sql = step.sql;
        String topic = "topic:" + fact.topicId();
        var topicRow = sql.select(AUTHOR_ID, CATEGORY_ID, FIRST_TOPIC, WELCOMED).from(t.subjects)
                .where(SUBJECT.eq(topic)).fetchOne();
        long category = topicRow == null ? 0 : topicRow.value2();
        String post = "post:" + fact.targetId();
        subject(sql, post, fact.memberId(), category, false);
        if (fact.number() == 1) {
            step.award(fact.memberId(), Action.TOPIC, post, 0, category);
            return;
        }
        step.award(fact.memberId(), Action.REPLY, post, 0, category);
        if (topicRow != null && topicRow.value3() && !topicRow.value4() && topicRow.value1() != fact.memberId()) {
            sql.update(t.subjects).set(WELCOMED, true).where(SUBJECT.eq(topic)).execute();
            step.award(fact.memberId(), Action.WELCOME, post, topicRow.value1(), category);
        }
    }

    private void like(Step step) {
        Fact fact = step.fact;
        long liker = fact.memberId();
        long author = fact.otherId();
        String post = "post:" + fact.targetId();
        if (liker == author) {
            return;
        }
        if (!fact.yes()) {
            step.revoke(author, post, Action.LIKE_RECEIVED, liker);
            step.revoke(liker, post, Action.LIKE_GIVEN, author);
            return;
        }
        int today = step.sql.fetchCount(t.ledger, MEMBER_ID.eq(author), ACTION.eq(Action.LIKE_RECEIVED.key()),
                OTHER_ID.eq(liker), DAY.eq(step.day), UNITS.gt(0));
        if (today >= rules.likePairCap()) {
            return;
        }
        long category = category(step.sql, post);
        step.award(author, Action.LIKE_RECEIVED, post, liker, category);
        step.award(liker, Action.LIKE_GIVEN, post, author, category);
    }

    private void visit(Step step) {
        long memberId = step.fact.memberId();
        if (step.sql.fetchExists(t.ledger, MEMBER_ID.eq(memberId), ACTION.eq(Action.VISIT.key()),
                DAY.eq(step.day))) {
            return;
        }
        member(step.sql, memberId, null);
        var row = step.sql.select(STREAK, BEST_STREAK, LAST_VISIT).from(t.members).where(MEMBER_ID.eq(memberId))
                .fetchOne();
        int streak = row.value3() != null && row.value3().equals(step.day.minusDays(1)) ? row.value1() + 1 : 1;
        step.sql.update(t.members).set(STREAK, streak).set(BEST_STREAK, Math.max(streak, row.value2()))
                .set(LAST_VISIT, step.day).where(MEMBER_ID.eq(memberId)).execute();
        step.award(memberId, Action.VISIT, "day:" + step.day, 0, 0);
    }

    /** Makes sure the member has a totals row; {@code joined} sets the day they joined. */
    private void member(DSLContext sql, long memberId, LocalDate joined) {
        if (!sql.fetchExists(t.members, MEMBER_ID.eq(memberId))) {
            sql.insertInto(t.members).set(MEMBER_ID, memberId).set(JOINED_ON, joined).set(TOTAL, 0L).set(LEVEL, 0)
                    .set(STREAK, 0).set(BEST_STREAK, 0).execute();
        } else if (joined != null) {
            sql.update(t.members).set(JOINED_ON, joined).where(MEMBER_ID.eq(memberId)).execute();
        }
    }

    private void subject(DSLContext sql, String subject, long authorId, long categoryId, boolean firstTopic) {
        if (!sql.fetchExists(t.subjects, SUBJECT.eq(subject))) {
            sql.insertInto(t.subjects).set(SUBJECT, subject).set(AUTHOR_ID, authorId).set(CATEGORY_ID, categoryId)
                    .set(FIRST_TOPIC, firstTopic).set(WELCOMED, false).execute();
        }
    }

    private long category(DSLContext sql, String subject) {
        Long category = sql.select(CATEGORY_ID).from(t.subjects).where(SUBJECT.eq(subject)).fetchOne(CATEGORY_ID);
        return category == null ? 0 : category;
    }

    private long author(DSLContext sql, String subject) {
        Long author = sql.select(AUTHOR_ID).from(t.subjects).where(SUBJECT.eq(subject)).fetchOne(AUTHOR_ID);
        return author == null ? 0 : author;
    }

    /** How many times (net of take-backs) the member did one of {@code actions}, in a category, since a day. */
    private int count(DSLContext sql, long memberId, Set<String> actions, long categoryId, LocalDate since) {
        Condition where = MEMBER_ID.eq(memberId).and(ACTION.in(actions));
        if (categoryId != 0) {
            where = where.and(CATEGORY_ID.eq(categoryId));
        }
        if (since != null) {
            where = where.and(DAY.ge(since));
        }
        Number units = sql.select(DSL.sum(UNITS)).from(t.ledger).where(where).fetchOne(0, Number.class);
        return units == null ? 0 : units.intValue();
    }

    /** One fact being applied: its day, and what it did so far. */
    private final class Step {

        final DSLContext sql;
        final Fact fact;
        final LocalDate day;
        final List<DomainEvent> events = new ArrayList<>();
        final List<Notice> notices = new ArrayList<>();
        final Set<Long> touched = new LinkedHashSet<>();

        Step(DSLContext sql, Fact fact, LocalDate day) {
            this.sql = sql;
            this.fact = fact;
            this.day = day;
        }

        boolean holds(long memberId, Action action, String subject) {
            Number units = sql.select(DSL.sum(UNITS)).from(t.ledger).where(MEMBER_ID.eq(memberId),
                    ACTION.eq(action.key()), SUBJECT.eq(subject)).fetchOne(0, Number.class);
            return units != null && units.intValue() > 0;
        }

        /** Adds the action's points, as far as the member's daily caps leave room, and checks badges. */
        void award(long memberId, Action action, String subject, long otherId, long categoryId) {
            if (memberId == 0) {
                return;
            }
            int points = rules.points(action);
            if (rules.cap(action) > 0) {
                points = Math.min(points, rules.cap(action) - earnedToday(memberId, ACTION.eq(action.key())));
            }
            if (rules.dailyCap() > 0) {
                points = Math.min(points, rules.dailyCap() - earnedToday(memberId, DSL.noCondition()));
            }
            points = Math.max(points, 0);
            insert(memberId, action.key(), points, 1, EARNED, subject, otherId, categoryId, day);
            total(memberId, action.key(), points, day, categoryId);
            badges(memberId, action.key());
        }

        private int earnedToday(long memberId, Condition which) {
            Number earned = sql.select(DSL.sum(POINTS)).from(t.ledger).where(MEMBER_ID.eq(memberId), DAY.eq(day),
                    POINTS.gt(0), which).fetchOne(0, Number.class);
            return earned == null ? 0 : earned.intValue();
        }

        void revoke(long memberId, String subject, Action action) {
            revoke(memberId, subject, action, null, WITHDRAWN);
        }

        void revoke(long memberId, String subject, Action action, Long otherId) {
            revoke(memberId, subject, action, otherId, WITHDRAWN);
        }

        /**
         * Takes back what the member still holds for the subject (one action, or all; from one other member, or
         * any): a row of negative points per day it was earned on, so day totals and leaderboards lose it too.
         */
        void revoke(long memberId, String subject, Action action, Long otherId, String kind) {
            Condition where = MEMBER_ID.eq(memberId).and(SUBJECT.eq(subject));
            if (action != null) {
                where = where.and(ACTION.eq(action.key()));
            }
            if (otherId != null) {
                where = where.and(OTHER_ID.eq(otherId));
            }
            var held = sql.select(ACTION, OTHER_ID, CATEGORY_ID, DAY, DSL.sum(POINTS), DSL.sum(UNITS))
                    .from(t.ledger).where(where).groupBy(ACTION, OTHER_ID, CATEGORY_ID, DAY)
                    .having(DSL.sum(UNITS).gt(BigDecimal.ZERO))
                    .orderBy(ACTION, OTHER_ID, CATEGORY_ID, DAY).fetch();
            for (var row : held) {
                int points = row.value5().intValue();
                insert(memberId, row.value1(), -points, -row.value6().intValue(), kind, subject, row.value2(),
                        row.value3(), row.value4());
                total(memberId, row.value1(), -points, row.value4(), row.value3());
            }
        }

        /**
         * Gives back what hiding or deleting the post took, when it comes back: each removal that is still the last
         * word on its points is reversed, at the points it took (caps were applied when they were earned).
         */
        void restore(long memberId, String subject) {
            Map<List<Object>, Record8<String, Integer, Integer, String, Long, Long, LocalDate, Long>> last =
                    new LinkedHashMap<>();
            sql.select(ACTION, POINTS, UNITS, KIND, OTHER_ID, CATEGORY_ID, DAY, ID).from(t.ledger)
                    .where(MEMBER_ID.eq(memberId), SUBJECT.eq(subject)).orderBy(ID).fetch()
                    .forEach(r -> last.put(List.of(r.value1(), r.value5(), r.value6(), r.value7()), r));
            for (var row : last.values()) {
                if (row.value4().equals(REMOVED)) {
                    insert(memberId, row.value1(), -row.value2(), -row.value3(), RESTORED, subject, row.value5(),
                            row.value6(), row.value7());
                    total(memberId, row.value1(), -row.value2(), row.value7(), row.value6());
                }
            }
        }

        private void insert(long memberId, String action, int points, int units, String kind, String subject,
                            long otherId, long categoryId, LocalDate on) {
            sql.insertInto(t.ledger).set(POSITION, fact.position()).set(MEMBER_ID, memberId).set(ACTION, action)
                    .set(POINTS, points).set(UNITS, units).set(KIND, kind).set(SUBJECT, subject).set(OTHER_ID, otherId)
                    .set(CATEGORY_ID, categoryId).set(DAY, on).set(AT, fact.at()).execute();
            touched.add(memberId);
        }

        /** Moves the member's total, the day's total and the level by {@code points}. */
        private void total(long memberId, String action, int points, LocalDate on, long categoryId) {
            if (points == 0) {
                return;
            }
            member(sql, memberId, null);
            var row = sql.select(TOTAL, LEVEL).from(t.members).where(MEMBER_ID.eq(memberId)).fetchOne();
            long total = row.value1() + points;
            Levels.Level level = levels.of(total);
            sql.update(t.members).set(TOTAL, total).set(LEVEL, level.number()).where(MEMBER_ID.eq(memberId))
                    .execute();
            int updated = sql.update(t.daily).set(TOTAL, TOTAL.plus(points)).where(MEMBER_ID.eq(memberId),
                    DAY.eq(on), CATEGORY_ID.eq(categoryId)).execute();
            if (updated == 0) {
                sql.insertInto(t.daily).set(MEMBER_ID, memberId).set(DAY, on).set(CATEGORY_ID, categoryId)
                        .set(TOTAL, (long) points).execute();
            }
            events.add(new PointsAwarded(memberId, action, points, total, fact.position()));
            if (level.number() > row.value2()) {
                events.add(new LevelReached(memberId, level.number(), level.name(), total));
                notices.add(new Notice(memberId, "You reached level " + level.number() + ": " + level.name(),
                        "/x/gamification/me", "gamification-level:" + memberId + ":" + level.number()));
            }
        }

        /** Grants the badges the member's latest action of {@code action} brings them to. */
        private void badges(long memberId, String action) {
            for (BadgeRule rule : book.all()) {
                if (!rule.movedBy(action) || sql.fetchExists(t.badges, MEMBER_ID.eq(memberId),
                        BADGE.eq(rule.key())) || sql.fetchExists(t.decisions, MEMBER_ID.eq(memberId),
                        BADGE.eq(rule.key()), GRANTED.isFalse())) {
                    continue;
                }
                if (earned(memberId, rule)) {
                    grant(sql, t, memberId, rule, fact.at(), fact.position(), false, "");
                    events.add(new BadgeGranted(memberId, rule.key(), rule.name(), rule.tier(), "", 0));
                    notices.add(badgeNotice(memberId, rule));
                }
            }
        }

        private boolean earned(long memberId, BadgeRule rule) {
            return switch (rule.measure()) {
                case BadgeRule.STREAK -> sql.select(STREAK).from(t.members).where(MEMBER_ID.eq(memberId))
                        .fetchOptional(STREAK).orElse(0) >= rule.threshold();
                case BadgeRule.ANNIVERSARY -> sql.select(JOINED_ON).from(t.members).where(MEMBER_ID.eq(memberId))
                        .fetchOptional(JOINED_ON).filter(joined -> joined != null
                                && !day.isBefore(joined.plusYears(rule.threshold()))).isPresent();
                default -> count(sql, memberId, rule.actions(), rule.categoryId(),
                        rule.windowDays() == 0 ? null : day.minusDays(rule.windowDays() - 1L)) >= rule.threshold();
            };
        }
    }

    /** Records a badge as held. */
    static void grant(DSLContext sql, Tables t, long memberId, BadgeRule rule, Instant at, long position,
                      boolean manual, String reason) {
        sql.insertInto(t.badges).set(MEMBER_ID, memberId).set(BADGE, rule.key()).set(GRANTED_AT, at)
                .set(POSITION, position).set(MANUAL, manual).set(REASON, reason).execute();
    }

    static Notice badgeNotice(long memberId, BadgeRule rule) {
        return new Notice(memberId, "You earned the " + rule.tier() + " badge " + rule.name(),
                "/x/gamification/badges/" + rule.key(), "gamification-badge:" + rule.key() + ":" + memberId);
    }
}
