package hearth.plugins.analytics.report;

import static hearth.plugins.analytics.rollup.Tables.MEMBER_ID;

import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.data.Columns;
import hearth.api.views.MemberView;
import hearth.plugins.analytics.dashboard.DashboardFeature;
import hearth.plugins.analytics.metrics.Metrics;
import hearth.plugins.analytics.metrics.MetricsReader;
import hearth.plugins.analytics.metrics.Period;
import hearth.plugins.analytics.rollup.Rollups;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * The weekly report by mail to the community managers who asked for it: the headline numbers of the last ISO week
 * (Monday to Sunday in the roll-ups' time zone) against the week before, from a scheduled task. The first run after a
 * week ends sends it; a row per manager and week, written in the transaction that queues the mail, keeps restarts,
 * replays and other nodes from sending it twice. Managers who lost {@code analytics.view} get none.
 */
public final class WeeklyReport {

    /** Where managers opt in and out; the mail's unsubscribe link. */
    public static final String PAGE = "/x/analytics/report";

    static final Field<Instant> SUBSCRIBED_AT = Columns.instant("subscribed_at");
    static final Field<String> WEEK = Columns.text("week");
    static final Field<Instant> SENT_AT = Columns.instant("sent_at");

    private final PluginContext context;
    private final MetricsReader reader;
    private final Rollups rollups;
    private final Table<?> subscribers;
    private final Table<?> sent;

    public WeeklyReport(PluginContext context, MetricsReader reader, Rollups rollups) {
        this.context = context;
        this.reader = reader;
        this.rollups = rollups;
        this.subscribers = DSL.table(DSL.name(context.database().table("report_subscribers")));
        this.sent = DSL.table(DSL.name(context.database().table("reports_sent")));
    }

    /** Whether the member gets the weekly report. */
    public boolean subscribed(long memberId) {
        return context.database().read(sql -> sql.fetchExists(subscribers, MEMBER_ID.eq(memberId)));
    }

    /** Starts or stops a manager's weekly report; starting again keeps the first date. */
    public void subscribe(long memberId, boolean on) {
        Instant now = context.clock().instant();
        context.database().write(sql -> {
            if (!on) {
                sql.deleteFrom(subscribers).where(MEMBER_ID.eq(memberId)).execute();
            } else if (!sql.fetchExists(subscribers, MEMBER_ID.eq(memberId))) {
                sql.insertInto(subscribers, MEMBER_ID, SUBSCRIBED_AT).values(memberId, now).execute();
            }
            return null;
        });
    }

    /** One run of the task: mails last week's report to each subscribed manager who has not had it. */
    public void run() {
        Instant now = context.clock().instant();
        ZoneId zone = rollups.zone();
        LocalDate monday = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Period week = new Period(monday.minusWeeks(1), monday.minusDays(1), zone);
        String key = week.from().get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", week.from().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        // Managers who subscribed before the week ended and have not had its report.
        List<Long> due = context.database().read(sql -> sql.select(MEMBER_ID).from(subscribers)
                .where(SUBSCRIBED_AT.lt(week.end()))
                .and(MEMBER_ID.notIn(DSL.select(MEMBER_ID).from(sent).where(WEEK.eq(key))))
                .fetch(MEMBER_ID));
        List<MemberView> managers = due.stream().map(id -> context.members().byId(id)).flatMap(Optional::stream)
                .filter(m -> context.permissions().allows(Optional.of(m), DashboardFeature.VIEW, Scope.site()))
                .toList();
        if (managers.isEmpty()) {
            return;
        }
        Metrics.Summary current = Metrics.summarise(reader.totals(week, now));
        Metrics.Summary previous = Metrics.summarise(reader.totals(week.previous(), now));
        String subject = "Community report, week " + key + ": " + current.activeMembers() + " active members, "
                + current.posts() + " posts";
        String text = ReportText.of(key, current, previous, context.mail().link("/x/analytics/?from="
                + week.from() + "&to=" + week.to()));
        for (MemberView manager : managers) {
            try {
                context.database().transaction(tx -> {
                    if (tx.sql().fetchExists(sent, MEMBER_ID.eq(manager.id()), WEEK.eq(key))) {
                        return null;
                    }
                    if (context.mail().queue(tx, manager.id(), subject, text, PAGE)) {
                        tx.sql().insertInto(sent, MEMBER_ID, WEEK, SENT_AT).values(manager.id(), key, now).execute();
                    }
                    return null;
                });
            } catch (IntegrityConstraintViolationException e) {
                // Another node queued this manager's report at the same moment and committed first: it is sent.
            }
        }
    }
}
