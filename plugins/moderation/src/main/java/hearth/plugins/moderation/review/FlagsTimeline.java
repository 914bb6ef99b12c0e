package hearth.plugins.moderation.review;

import hearth.api.data.PluginDatabase;
import hearth.plugins.moderation.TimelineItem;
import hearth.plugins.moderation.TimelineSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Flags on a member's timeline: those they raised and those raised against them or their posts, with outcomes. */
public final class FlagsTimeline implements TimelineSource {

    private final PluginDatabase db;
    private final ReviewStore store;

    FlagsTimeline(PluginDatabase db, ReviewStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public List<TimelineItem> about(long memberId, int limit) {
        return db.read(sql -> {
            List<TimelineItem> items = new ArrayList<>();
            store.flagsAgainst(sql, memberId, limit).forEach(f -> items.add(new TimelineItem(f.createdAt(),
                    "flag-received", "Flagged (" + f.reason() + ", " + f.state() + ")"
                    + (f.details().isBlank() ? "" : ": " + f.details()), link(f))));
            store.flagsBy(sql, memberId, limit).forEach(f -> items.add(new TimelineItem(f.createdAt(),
                    "flag-given", "Flagged a " + f.itemKind() + " (" + f.reason() + ", " + f.state() + ")", link(f))));
            items.sort(Comparator.comparing(TimelineItem::at).reversed());
            return items.size() > limit ? List.copyOf(items.subList(0, limit)) : items;
        });
    }

    private static String link(ReviewStore.Flag flag) {
        return flag.itemKind().equals("post") ? "/p/" + flag.itemId() : "";
    }
}
