package hearth.server.calendars;

import static hearth.server.db.schema.tables.EventInvitees.EVENT_INVITEES;
import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.views.MemberView;
import hearth.server.discussions.CategoryGrants;
import hearth.server.discussions.DiscussionPermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who may see an event, in one place (to be unified with the events feature's own rule): nobody who may not see its
 * category; then a {@code public} event everyone who may, a {@code members} event signed-in members, an
 * {@code invite} event its host, its invitees and those who moderate the category.
 */
public final class CalendarAudience {

    private final Permissions permissions;
    private final CategoryGrants categories;

    public CalendarAudience(Permissions permissions, CategoryGrants categories) {
        this.permissions = permissions;
        this.categories = categories;
    }

    /** Whether {@code viewer} (empty: a visitor) may see the event. */
    public boolean sees(DSLContext sql, Optional<MemberView> viewer, CalendarEvent event) {
        if (!permissions.allows(viewer, DiscussionPermissions.SEE, Scope.category(event.categoryId()))) {
            return false;
        }
        return switch (event.visibility()) {
            case "public" -> true;
            case "members" -> viewer.isPresent();
            default -> viewer.isPresent() && (viewer.get().id() == event.hostId()
                    || permissions.allows(viewer, DiscussionPermissions.MODERATE, Scope.category(event.categoryId()))
                    || sql.fetchExists(EVENT_INVITEES, EVENT_INVITEES.EVENT_ID.eq(event.id()),
                            EVENT_INVITEES.MEMBER_ID.eq(viewer.get().id())));
        };
    }

    /** The same rule as a condition on {@code events}, for lists and feeds. */
    public Condition condition(DSLContext sql, Optional<MemberView> viewer) {
        Set<Long> visible = categories.visibleTo(sql, permissions, viewer);
        Condition inVisibleCategory = EVENTS.CATEGORY_ID.in(visible);
        if (viewer.isEmpty()) {
            return inVisibleCategory.and(EVENTS.VISIBILITY.eq("public"));
        }
        long me = viewer.get().id();
        Set<Long> moderated = visible.stream()
                .filter(id -> permissions.allows(viewer, DiscussionPermissions.MODERATE, Scope.category(id)))
                .collect(Collectors.toSet());
        Condition invited = EVENTS.HOST_ID.eq(me).or(EVENTS.CATEGORY_ID.in(moderated))
                .or(DSL.exists(DSL.selectOne().from(EVENT_INVITEES)
                        .where(EVENT_INVITEES.EVENT_ID.eq(EVENTS.ID), EVENT_INVITEES.MEMBER_ID.eq(me))));
        return inVisibleCategory.and(EVENTS.VISIBILITY.in("public", "members")
                .or(EVENTS.VISIBILITY.eq("invite").and(invited)));
    }
}
