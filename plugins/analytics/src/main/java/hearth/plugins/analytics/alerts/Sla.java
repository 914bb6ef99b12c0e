package hearth.plugins.analytics.alerts;

import static hearth.plugins.analytics.rollup.Tables.*;

import hearth.api.PluginContext;
import hearth.api.views.CategoryView;
import hearth.api.views.TopicView;
import hearth.plugins.analytics.rollup.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Response SLA per category over the last {@link #WINDOW}: who met the target, and the breaches to act on. */
public final class Sla {

    /** How far back the report looks. */
    public static final Duration WINDOW = Duration.ofDays(30);

    /** One topic over its category's target: unanswered, or answered late. */
    public record Breach(long topicId, String title, String url, String category, long targetHours,
                         long waitedHours, boolean answered) {
    }

    /** One category: its target, topics started, answered within the target, and the share in percent. */
    public record CategorySla(long categoryId, String name, long targetHours, long topics, long met,
                              double metPercent) {
    }

    /** The report. */
    public record Report(List<CategorySla> categories, List<Breach> breaches) {
    }

    private final PluginContext context;
    private final Tables t;
    private final SlaTargets targets;

    public Sla(PluginContext context, Tables tables, SlaTargets targets) {
        this.context = context;
        this.t = tables;
        this.targets = targets;
    }

    public Report report() {
        Instant now = context.clock().instant();
        List<CategoryView> categories = context.topics().categories();
        Map<Long, Duration> target = targets.targets(categories);
        Map<Long, String> names = categories.stream()
                .collect(Collectors.toMap(CategoryView::id, CategoryView::name, (a, b) -> a));
        var topics = context.database().read(sql -> sql.select(TOPIC_ID, CATEGORY_ID, CREATED_AT,
                        FIRST_REPLY_AT).from(t.topics).where(CREATED_AT.ge(now.minus(WINDOW)), HIDDEN.isFalse())
                .orderBy(CREATED_AT).fetch());
        Map<Long, long[]> perCategory = new LinkedHashMap<>();
        List<Breach> breaches = new ArrayList<>();
        for (var topic : topics) {
            Duration limit = target.getOrDefault(topic.value2(), targets.fallback());
            Instant answered = topic.value4();
            Duration waited = Duration.between(topic.value3(), answered == null ? now : answered);
            boolean met = answered != null && waited.compareTo(limit) <= 0;
            long[] counts = perCategory.computeIfAbsent(topic.value2(), k -> new long[2]);
            counts[0]++;
            counts[1] += met ? 1 : 0;
            if (waited.compareTo(limit) > 0) {
                String title = context.topics().topic(topic.value1()).map(TopicView::title).orElse("(deleted topic)");
                breaches.add(new Breach(topic.value1(), title, "/t/" + topic.value1(),
                        names.getOrDefault(topic.value2(), "(deleted category)"), limit.toHours(), waited.toHours(),
                        answered != null));
            }
        }
        List<CategorySla> rows = new ArrayList<>();
        perCategory.forEach((id, counts) -> rows.add(new CategorySla(id, names.getOrDefault(id,
                "(deleted category)"), target.getOrDefault(id, targets.fallback()).toHours(), counts[0], counts[1],
                Math.round(1000.0 * counts[1] / counts[0]) / 10.0)));
        return new Report(rows, breaches);
    }
}
