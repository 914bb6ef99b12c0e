package hearth.plugins.analytics.alerts;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.PluginContext;
import hearth.api.access.Scope;
import hearth.api.notifications.NotificationKind;
import hearth.api.settings.Setting;
import hearth.api.views.MemberView;
import hearth.plugins.analytics.dashboard.DashboardFeature;
import hearth.plugins.analytics.rollup.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alerts to the community managers who asked for them, from a scheduled task: topics past their category's SLA
 * with no reply, topics unanswered for longer than a set number of hours, flags rising (a day's flags at least
 * twice the week before's daily average, and at least a set minimum) and the response rate falling (by 20 points
 * or more, week on week, over at least 5 topics each). Each alert reaches each manager once (deduplicated).
 */
public final class Alerts {

    /** The least number of topics per week for which a fall in the response rate means something. */
    static final int RESPONSE_MINIMUM_TOPICS = 5;

    /** A fall by this many percentage points, week on week, is an alert. */
    static final double RESPONSE_FALL_POINTS = 20;

    private record Alert(String title, String url, String key) {
    }

    private final PluginContext context;
    private final Tables t;
    private final Sla sla;
    private final NotificationKind kind;
    private final Setting<Integer> unansweredHours;
    private final Setting<Integer> flagMinimum;

    public Alerts(PluginContext context, Tables tables, Sla sla, NotificationKind kind,
                  Setting<Integer> unansweredHours, Setting<Integer> flagMinimum) {
        this.context = context;
        this.t = tables;
        this.sla = sla;
        this.kind = kind;
        this.unansweredHours = unansweredHours;
        this.flagMinimum = flagMinimum;
    }

    /** Whether the member gets alerts. */
    public boolean subscribed(long memberId) {
        return context.database().read(sql -> sql.fetchExists(t.subscribers, MEMBER_ID.eq(memberId)));
    }

    /** Starts or stops a manager's alerts. */
    public void subscribe(long memberId, boolean on) {
        context.database().write(sql -> {
            sql.deleteFrom(t.subscribers).where(MEMBER_ID.eq(memberId)).execute();
            if (on) {
                sql.insertInto(t.subscribers, MEMBER_ID).values(memberId).execute();
            }
            return null;
        });
    }

    /** One run of the task: works out the alerts and sends each to each subscribed manager once. */
    public void run() {
        List<MemberView> managers = context.database().read(sql -> sql.select(MEMBER_ID).from(t.subscribers)
                        .fetch(MEMBER_ID)).stream()
                .map(id -> context.members().byId(id)).flatMap(Optional::stream)
                .filter(m -> context.permissions().allows(Optional.of(m), DashboardFeature.VIEW, Scope.site()))
                .toList();
        if (managers.isEmpty()) {
            return;
        }
        List<Alert> alerts = alerts(context.clock().instant());
        for (MemberView manager : managers) {
            for (Alert alert : alerts) {
                context.notifications().send(manager.id(), kind, alert.title(), alert.url(),
                        alert.key() + ":" + manager.id());
            }
        }
    }

    private List<Alert> alerts(Instant now) {
        List<Alert> alerts = new ArrayList<>();
        for (Sla.Breach breach : sla.report().breaches()) {
            if (!breach.answered()) {
                alerts.add(new Alert("No reply within the " + breach.targetHours() + " h target in "
                        + breach.category() + ": " + breach.title(), breach.url(), "analytics:sla:"
                        + breach.topicId()));
            }
        }
        Instant old = now.minus(Duration.ofHours(unansweredHours.get()));
        context.database().read(sql -> sql.select(TOPIC_ID).from(t.topics)
                        .where(FIRST_REPLY_AT.isNull(), HIDDEN.isFalse(), CREATED_AT.lt(old),
                                CREATED_AT.ge(now.minus(Sla.WINDOW))).orderBy(CREATED_AT).fetch(TOPIC_ID))
                .forEach(id -> context.topics().topic(id).ifPresent(topic -> alerts.add(new Alert(
                        "Unanswered for over " + unansweredHours.get() + " h: " + topic.title(), "/t/" + id,
                        "analytics:unanswered:" + id))));
        String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        long lastDay = flags(now.minus(Duration.ofDays(1)), now);
        double weekAverage = flags(now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1))) / 7.0;
        if (lastDay >= flagMinimum.get() && lastDay >= 2 * weekAverage) {
            alerts.add(new Alert("Flags are rising: " + lastDay + " in the last 24 hours, "
                    + Math.round(weekAverage * 10) / 10.0 + " a day the week before", "/x/analytics/",
                    "analytics:flags:" + today));
        }
        Optional<double[]> rates = responseRates(now);
        rates.filter(r -> r[0] - r[1] >= RESPONSE_FALL_POINTS).ifPresent(r -> alerts.add(new Alert(
                "The response rate fell from " + r[0] + " % to " + r[1] + " % of topics answered within 24 h",
                "/x/analytics/", "analytics:response:" + today)));
        return alerts;
    }

    private long flags(Instant from, Instant to) {
        return context.database().read(sql -> sql.fetchCount(t.flags, RAISED_AT.ge(from), RAISED_AT.lt(to)));
    }

    /** The share of topics answered within 24 h, the week before last and last week (topics a day old at least). */
    private Optional<double[]> responseRates(Instant now) {
        Instant end = now.minus(Duration.ofDays(1));
        double[] rates = new double[2];
        for (int week = 0; week < 2; week++) {
            Instant to = end.minus(Duration.ofDays(7L * (1 - week)));
            Instant from = to.minus(Duration.ofDays(7));
            var topics = context.database().read(sql -> sql.select(CREATED_AT, FIRST_REPLY_AT).from(t.topics)
                    .where(CREATED_AT.ge(from), CREATED_AT.lt(to), HIDDEN.isFalse()).fetch());
            if (topics.size() < RESPONSE_MINIMUM_TOPICS) {
                return Optional.empty();
            }
            long answered = topics.stream().filter(r -> r.value2() != null
                    && Duration.between(r.value1(), r.value2()).compareTo(Duration.ofHours(24)) <= 0).count();
            rates[week] = Math.round(1000.0 * answered / topics.size()) / 10.0;
        }
        return Optional.of(rates);
    }
}
