package hearth.plugins.analytics.dashboard;

import hearth.api.PluginContext;
import hearth.api.views.CategoryView;
import hearth.plugins.analytics.gaps.ContentGaps;
import hearth.plugins.analytics.metrics.Metrics;
import hearth.plugins.analytics.metrics.MetricsReader;
import hearth.plugins.analytics.metrics.Period;
import hearth.plugins.analytics.metrics.PeriodData;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Everything the dashboard shows for one period, compared with the period before: for the page, JSON and CSV. */
public final class Dashboard {

    /** One day's counts. */
    public record Day(String day, long members, long topics, long posts, long replies, long likes, long flags,
                      long resolved, long active, long views, long visitors) {
    }

    /** A member and how many posts they wrote. */
    public record Contributor(long memberId, String username, String displayName, long posts) {
    }

    /** One category's share. */
    public record Category(long categoryId, String name, long topics, long posts) {
    }

    /** A topic nobody else has replied to yet. */
    public record Unanswered(long topicId, String title, String url, String createdAt, long waitingHours) {
    }

    /** The whole report. */
    public record Report(String zone, Metrics.Summary current, Metrics.Summary previous, Map<String, Double> changes,
                         List<Day> daily, List<Contributor> topContributors, List<Category> categories,
                         List<Unanswered> unanswered, List<ContentGaps.Gap> contentGaps) {
    }

    private final PluginContext context;
    private final MetricsReader reader;
    private final ContentGaps gaps;

    public Dashboard(PluginContext context, MetricsReader reader, ContentGaps gaps) {
        this.context = context;
        this.reader = reader;
        this.gaps = gaps;
    }

    public Report build(Period period) {
        var at = context.clock().instant();
        PeriodData now = reader.read(period, at);
        Metrics.Summary current = Metrics.summarise(now);
        Metrics.Summary previous = Metrics.summarise(reader.totals(period.previous(), at));
        return new Report(period.zone().getId(), current, previous, Metrics.changes(previous, current), days(now),
                contributors(now), categories(now), unanswered(now), gaps.in(period));
    }

    private static List<Day> days(PeriodData data) {
        List<LocalDate> dates = data.period().dates();
        Map<String, long[]> d = data.daily();
        List<Day> days = new ArrayList<>(dates.size());
        for (int i = 0; i < dates.size(); i++) {
            days.add(new Day(dates.get(i).toString(), d.get("members")[i], d.get("topics")[i], d.get("posts")[i],
                    d.get("replies")[i], d.get("likes")[i], d.get("flags")[i], d.get("resolved")[i],
                    data.activePerDay()[i], d.get("views")[i], d.get("visitors")[i]));
        }
        return days;
    }

    private List<Contributor> contributors(PeriodData data) {
        List<Contributor> top = new ArrayList<>();
        for (PeriodData.Contributor c : data.topContributors()) {
            context.members().byId(c.memberId()).ifPresent(m -> top.add(new Contributor(m.id(), m.username(),
                    m.displayName(), c.posts())));
        }
        return top;
    }

    private List<Category> categories(PeriodData data) {
        Map<Long, String> names = context.topics().categories().stream()
                .collect(Collectors.toMap(CategoryView::id, CategoryView::name, (a, b) -> a));
        return data.categories().stream().map(c -> new Category(c.categoryId(),
                names.getOrDefault(c.categoryId(), "(deleted category)"), c.topics(), c.posts())).toList();
    }

    private List<Unanswered> unanswered(PeriodData data) {
        var now = context.clock().instant();
        // Titles are read as they are now: the roll-ups keep none (a renamed topic, a removed member's words).
        return data.unanswered().stream()
                .flatMap(t -> context.topics().topic(t.topicId()).stream()
                        .map(topic -> new Unanswered(t.topicId(), topic.title(), "/t/" + t.topicId(),
                                t.createdAt().toString(), Duration.between(t.createdAt(), now).toHours())))
                .toList();
    }

    /** The daily series, by metric name, for charts and CSV. */
    static Map<String, Function<Day, Long>> series() {
        Map<String, Function<Day, Long>> series = new LinkedHashMap<>();
        series.put("active", Day::active);
        series.put("members", Day::members);
        series.put("topics", Day::topics);
        series.put("posts", Day::posts);
        series.put("replies", Day::replies);
        series.put("likes", Day::likes);
        series.put("flags", Day::flags);
        series.put("resolved", Day::resolved);
        series.put("views", Day::views);
        series.put("visitors", Day::visitors);
        return series;
    }
}
