package hearth.plugins.moderation.members;

import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.views.MemberView;
import hearth.api.views.Members;
import hearth.api.views.PostView;
import hearth.api.views.Topics;
import hearth.plugins.moderation.AuditLog;
import hearth.plugins.moderation.TimelineItem;
import hearth.plugins.moderation.TimelineSource;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The audit log's part of the timeline: warnings, silences, suspensions, bans and lifts of the member, and what
 * moderators did to their posts. Notes are left out: {@link Notes} shows them in full.
 */
final class AuditSource implements TimelineSource {

    private static final Map<String, String> LABELS = Map.of("warn", "Warned", "silence", "Silenced",
            "suspend", "Suspended", "ban", "Banned", "lift", "Sanction lifted");

    private static final Field<Instant> AT = Columns.instant("at");
    private static final Field<Long> ID = Columns.id("id");
    private static final Field<Long> ACTOR_ID = Columns.id("actor_id");
    private static final Field<String> ACTION = Columns.text("action");
    private static final Field<String> SUBJECT_TYPE = Columns.text("subject_type");
    private static final Field<Long> SUBJECT_ID = Columns.id("subject_id");
    private static final Field<String> REASON = Columns.text("reason");

    private final AuditLog audit;
    private final PluginDatabase db;
    private final Topics topics;
    private final Members members;

    AuditSource(AuditLog audit, PluginDatabase db, Topics topics, Members members) {
        this.audit = audit;
        this.db = db;
        this.topics = topics;
        this.members = members;
    }

    @Override
    public List<TimelineItem> about(long memberId, int limit) {
        Map<Long, String> names = new HashMap<>();
        Stream<TimelineItem> aboutMember = audit.list(AuditLog.Filter.about("member", memberId), 0, limit).stream()
                .filter(e -> !e.action().equals("note"))
                .map(e -> new TimelineItem(e.at(), e.action(), LABELS.getOrDefault(e.action(), e.action())
                        + " by " + names.computeIfAbsent(e.actorId(), this::name)
                        + (e.after() == null ? "" : " (" + e.after() + ")") + ": " + e.reason(), null));
        return Stream.concat(aboutMember, aboutPosts(memberId, limit, names).stream())
                .sorted(Comparator.comparing(TimelineItem::at).reversed()).limit(limit).toList();
    }

    /**
     * Entries about the member's latest posts. {@link AuditLog.Filter} names one subject; this asks for all the posts
     * at once from the plugin's own audit table instead of once per post.
     */
    private List<TimelineItem> aboutPosts(long memberId, int limit, Map<Long, String> names) {
        List<Long> posts = topics.postsBy(memberId, limit).stream().map(PostView::id).toList();
        if (posts.isEmpty()) {
            return List.of();
        }
        return db.read(sql -> sql.select(AT, ACTOR_ID, ACTION, SUBJECT_ID, REASON)
                        .from(DSL.table(DSL.name(db.table("audit"))))
                        .where(SUBJECT_TYPE.eq("post"), SUBJECT_ID.in(posts))
                        .orderBy(ID.desc()).limit(limit).fetch())
                .map(r -> new TimelineItem(r.value1(), "post." + r.value3(), "Post " + r.value4() + ": "
                        + r.value3() + " by " + names.computeIfAbsent(r.value2(), this::name)
                        + (r.value5().isEmpty() ? "" : ": " + r.value5()), "/p/" + r.value4()));
    }

    private String name(long memberId) {
        return members.byId(memberId).map(MemberView::username).orElse("a former member");
    }
}
