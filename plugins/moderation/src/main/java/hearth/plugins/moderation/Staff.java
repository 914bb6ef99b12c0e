package hearth.plugins.moderation;

import hearth.api.access.AccessRequest;
import hearth.api.access.Decision;
import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.errors.Forbidden;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.views.Topics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Who moderates what. Site moderators and admins moderate every category; category moderators (members an admin
 * named for some categories) moderate only theirs. The names are held in memory, because the access policy that
 * grants category moderators their powers runs inside requests and may do no I/O.
 */
public final class Staff {

    /** See the review queue and act on what is in it (flags, held posts, sign-ups). */
    public static final String REVIEW = "moderation.review";
    /** Flag posts and members. */
    public static final String FLAG = "moderation.flag";
    /** Silence and suspend members. */
    public static final String SANCTION = "moderation.sanction";
    /**
     * Silence the author of a post under review for up to 24 hours, where one reviews: a smaller power for volunteers
     * (asked with the post's category scope).
     */
    public static final String SILENCE_BRIEFLY = "moderation.silence-briefly";
    /** Ban members for good and lift bans. */
    public static final String BAN = "moderation.ban";
    /** Read the audit log. */
    public static final String AUDIT = "moderation.audit";
    /** Switch crisis mode on and off. */
    public static final String CRISIS = "moderation.crisis";
    /** The core's permission to moderate a category's topics: granted to category moderators there. */
    public static final String CORE_MODERATE = "discussions.moderate";

    /** What a category moderator may do in their categories. */
    private static final Set<String> CATEGORY_POWERS = Set.of(REVIEW, CORE_MODERATE);

    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<Long> CATEGORY_ID = Columns.id("category_id");

    private final PluginDatabase db;
    private final Permissions permissions;
    private final Topics topics;
    private final Table<Record> table;
    private volatile Map<Long, Set<Long>> categoriesByMember = Map.of();
    private volatile List<Long> categoryIds = List.of();

    public Staff(PluginDatabase db, Permissions permissions, Topics topics) {
        this.db = db;
        this.permissions = permissions;
        this.topics = topics;
        this.table = DSL.table(DSL.name(db.table("category_moderators")));
    }

    /** Reads the category moderators (blocking). */
    public void reload() {
        Map<Long, Set<Long>> fresh = new HashMap<>();
        db.read(sql -> sql.select(MEMBER_ID, CATEGORY_ID).from(table).fetch())
                .forEach(r -> fresh.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        fresh.replaceAll((k, v) -> Set.copyOf(v));
        categoriesByMember = Map.copyOf(fresh);
        refreshCategories();
    }

    private void refreshCategories() {
        categoryIds = topics.categories().stream().map(CategoryView::id).toList();
    }

    /**
     * The access policy: a category moderator may review and moderate in their categories, and may open the review
     * queue (site scope), which then shows only their categories.
     */
    public Decision decide(AccessRequest request) {
        if (request.member().isEmpty() || !CATEGORY_POWERS.contains(request.permission())) {
            return Decision.ABSTAIN;
        }
        Set<Long> mine = categoriesByMember.getOrDefault(request.member().get().id(), Set.of());
        if (mine.isEmpty()) {
            return Decision.ABSTAIN;
        }
        return switch (request.scope().kind()) {
            case SITE -> request.permission().equals(REVIEW) ? Decision.ALLOW : Decision.ABSTAIN;
            case CATEGORY -> mine.contains(request.scope().id()) ? Decision.ALLOW : Decision.ABSTAIN;
            case TOPIC -> Decision.ABSTAIN;
        };
    }

    /** Names a member category moderator of one more category. */
    public void appoint(long memberId, long categoryId) {
        db.write(sql -> sql.insertInto(table, MEMBER_ID, CATEGORY_ID)
                .select(DSL.select(DSL.val(memberId, MEMBER_ID), DSL.val(categoryId, CATEGORY_ID))
                        .whereNotExists(DSL.selectOne().from(table)
                                .where(MEMBER_ID.eq(memberId), CATEGORY_ID.eq(categoryId))))
                .execute());
        reload();
    }

    /** Takes one category from a category moderator. */
    public void dismiss(long memberId, long categoryId) {
        db.write(sql -> sql.deleteFrom(table).where(MEMBER_ID.eq(memberId), CATEGORY_ID.eq(categoryId)).execute());
        reload();
    }

    /** Every category moderator and their categories. */
    public Map<Long, Set<Long>> categoryModerators() {
        return categoriesByMember;
    }

    /** Whether the viewer moderates every category (a site moderator or an admin). */
    public boolean moderatesEverything(Optional<MemberView> viewer) {
        return viewer.map(MemberView::isStaff).orElse(false);
    }

    /**
     * The categories whose items the viewer reviews: empty for "all of them" (site staff), else their own categories.
     * Throws {@link Forbidden} for anyone who reviews nothing.
     */
    public Optional<Set<Long>> reviewScope(Optional<MemberView> viewer) {
        if (moderatesEverything(viewer)) {
            return Optional.empty();
        }
        refreshCategories();
        Set<Long> mine = reviewedCategories(viewer);
        if (mine.isEmpty()) {
            throw new Forbidden("Only moderators can open the review queue.");
        }
        return Optional.of(mine);
    }

    /**
     * The categories whose items the viewer may review, asked of the permission service category by category, so
     * that powers other plugins grant in some categories (volunteer roles) count as well as category moderators.
     * From memory.
     */
    public Set<Long> reviewedCategories(Optional<MemberView> viewer) {
        if (viewer.isEmpty()) {
            return Set.of();
        }
        Set<Long> mine = new HashSet<>(categoriesByMember.getOrDefault(viewer.get().id(), Set.of()));
        categoryIds.stream().filter(id -> !mine.contains(id)).filter(id -> reviews(viewer, id)).forEach(mine::add);
        return Set.copyOf(mine);
    }

    /** Whether the viewer may review and act on items in one category. */
    public boolean reviews(Optional<MemberView> viewer, long categoryId) {
        return permissions.allows(viewer, REVIEW, Scope.category(categoryId));
    }

    /** Throws {@link Forbidden} unless the viewer may review and act in the category. */
    public void requireReview(Optional<MemberView> viewer, long categoryId) {
        if (!reviews(viewer, categoryId)) {
            throw new Forbidden("You do not moderate this category.");
        }
    }

    /** Throws {@link Forbidden} unless the viewer may use topic tools in the category. */
    public void requireTopicTools(Optional<MemberView> viewer, long categoryId) {
        if (!permissions.allows(viewer, CORE_MODERATE, Scope.category(categoryId))) {
            throw new Forbidden("You do not moderate this category.");
        }
    }
}
