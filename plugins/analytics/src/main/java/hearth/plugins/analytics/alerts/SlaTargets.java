package hearth.plugins.analytics.alerts;

import hearth.api.settings.Setting;
import hearth.api.views.CategoryView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target time to a first response, per category: a default for all, and exceptions written as
 * {@code help-support=4, general=48} (category slugs and hours).
 */
public final class SlaTargets {

    private final Setting<Integer> defaultHours;
    private final Setting<String> exceptions;

    public SlaTargets(Setting<Integer> defaultHours, Setting<String> exceptions) {
        this.defaultHours = defaultHours;
        this.exceptions = exceptions;
    }

    /** Each category's target, by category id. */
    public Map<Long, Duration> targets(List<CategoryView> categories) {
        Map<String, Integer> hours = parsed().hours();
        Map<Long, Duration> targets = new HashMap<>();
        for (CategoryView category : categories) {
            targets.put(category.id(), Duration.ofHours(hours.getOrDefault(category.slug(), defaultHours.get())));
        }
        return targets;
    }

    /** The target of a category the site no longer lists. */
    public Duration fallback() {
        return Duration.ofHours(defaultHours.get());
    }

    /** What is wrong with the exceptions setting, for the page; empty when every entry reads. */
    public Optional<String> problem() {
        return parsed().problem();
    }

    private record Parsed(Map<String, Integer> hours, Optional<String> problem) {
    }

    private Parsed parsed() {
        Map<String, Integer> hours = new HashMap<>();
        for (String entry : exceptions.get().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=");
            try {
                int h = Integer.parseInt(parts.length == 2 ? parts[1].strip() : "");
                if (h < 1 || h > 24 * 30) {
                    throw new NumberFormatException();
                }
                hours.put(parts[0].strip(), h);
            } catch (NumberFormatException e) {
                return new Parsed(hours, Optional.of("The SLA exception \"" + entry.strip() + "\" does not read as"
                        + " category-slug=hours (1 to 720), e.g. help-support=4; the default applies there."));
            }
        }
        return new Parsed(hours, Optional.empty());
    }
}
