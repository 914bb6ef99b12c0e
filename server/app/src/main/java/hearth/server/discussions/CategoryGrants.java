package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;

import hearth.api.access.Scope;
import hearth.api.views.MemberView;
import hearth.server.access.ScopedRule;
import hearth.server.db.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Who may see, start topics in and reply in each category, held in memory so permission checks do no I/O. Reloaded
 * after every change an admin makes on this node; other nodes pick it up within {@link #REFRESH}.
 */
public final class CategoryGrants implements ScopedRule {

    public static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(30);

    /** One category's audiences and its parent (0 for a top-level category). */
    record Levels(long parentId, Audience see, Audience startTopic, Audience reply) {
    }

    private final Database db;
    private volatile Map<Long, Levels> byCategory = Map.of();

    public CategoryGrants(Database db) {
        this.db = db;
    }

    /** Reads every category's audiences (blocking). */
    public void reload() {
        db.query(sql -> {
            reload(sql);
            return null;
        });
    }

    /** Reads the categories afresh unless this one is known: for work that cannot wait for the next refresh. */
    public void know(DSLContext sql, long categoryId) {
        if (!byCategory.containsKey(categoryId)) {
            reload(sql);
        }
    }

    private void reload(DSLContext sql) {
        Map<Long, Levels> fresh = new HashMap<>();
        sql.select(CATEGORIES.ID, CATEGORIES.PARENT_ID, CATEGORIES.SEE_LEVEL,
                CATEGORIES.START_TOPIC_LEVEL, CATEGORIES.REPLY_LEVEL).from(CATEGORIES).fetch()
                .forEach(r -> fresh.put(r.value1(), new Levels(r.value2() == null ? 0 : r.value2(),
                        Audience.parse(r.value3(), "see"), Audience.parse(r.value4(), "startTopic"),
                        Audience.parse(r.value5(), "reply"))));
        byCategory = Map.copyOf(fresh);
    }

    /**
     * Decides the discussion permissions in a category scope: seeing needs the category's (and its parent's) see
     * audience; starting topics and replying need that and their own audience. Admins may do everything.
     */
    @Override
    public Optional<Boolean> decide(Optional<MemberView> member, String permission, Scope scope) {
        if (scope.kind() != Scope.Kind.CATEGORY || !isDiscussion(permission)) {
            return Optional.empty();
        }
        Levels levels = byCategory.get(scope.id());
        if (levels == null) {
            return Optional.of(false);
        }
        if (member.isPresent() && member.get().role() == hearth.api.access.Role.ADMIN) {
            return Optional.of(true);
        }
        boolean sees = sees(levels, member);
        return Optional.of(switch (permission) {
            case DiscussionPermissions.SEE -> sees;
            case DiscussionPermissions.START_TOPIC -> sees && member.isPresent() && levels.startTopic().includes(member);
            case DiscussionPermissions.REPLY -> sees && member.isPresent() && levels.reply().includes(member);
            default -> sees && member.isPresent() && member.get().isStaff(); // moderate
        });
    }

    /**
     * The categories {@code member} may see, asked of the whole permission service (plugins' policies too). Reads the
     * categories afresh first (a small table), so lists never miss a category another node created a moment ago.
     */
    public java.util.Set<Long> visibleTo(DSLContext sql, hearth.api.access.Permissions permissions,
                                         Optional<MemberView> member) {
        reload(sql);
        return byCategory.keySet().stream()
                .filter(id -> permissions.allows(member, DiscussionPermissions.SEE, Scope.category(id)))
                .collect(java.util.stream.Collectors.toSet());
    }

    private boolean sees(Levels levels, Optional<MemberView> member) {
        Levels parent = levels.parentId() == 0 ? null : byCategory.get(levels.parentId());
        return levels.see().includes(member) && (parent == null || parent.see().includes(member));
    }

    private static boolean isDiscussion(String permission) {
        return permission.startsWith("discussions.");
    }
}
