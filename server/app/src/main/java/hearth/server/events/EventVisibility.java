package hearth.server.events;

import static hearth.server.db.schema.tables.EventInvitees.EVENT_INVITEES;
import static hearth.server.db.schema.tables.Events.EVENTS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.discussions.CategoryGrants;
import hearth.server.discussions.DiscussionPermissions;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who sees an event and who may change it. Seeing needs its category first; then a public event is for everyone,
 * a members' event for signed-in members, an invite-only one for its invitees, its host and event managers.
 * Changing it needs {@link EventPermissions#MANAGE}, or being its host and still holding {@link EventPermissions#HOST}.
 */
public final class EventVisibility {

    private final Permissions permissions;
    private final CategoryGrants categories;

    public EventVisibility(Permissions permissions, CategoryGrants categories) {
        this.permissions = permissions;
        this.categories = categories;
    }

    /** The event if the viewer may see it, else a 404 (an invisible event does not exist for them). */
    public Event visible(DSLContext sql, Optional<Viewer> viewer, long id) {
        return EventRows.find(sql, id).filter(event -> sees(sql, viewer, event))
                .orElseThrow(() -> new NotFound("There is no such event."));
    }

    public boolean sees(DSLContext sql, Optional<Viewer> viewer, Event event) {
        Optional<MemberView> member = viewer.map(Viewer::asMemberView);
        if (!permissions.allows(member, DiscussionPermissions.SEE, Scope.category(event.categoryId()))) {
            return false;
        }
        return switch (event.visibility()) {
            case PUBLIC -> true;
            case MEMBERS -> viewer.isPresent();
            case INVITE -> viewer.filter(v -> v.memberId() == event.hostId() || manages(v, event.categoryId())
                    || sql.fetchExists(EVENT_INVITEES, EVENT_INVITEES.EVENT_ID.eq(event.id()),
                    EVENT_INVITEES.MEMBER_ID.eq(v.memberId()))).isPresent();
        };
    }

    public boolean seesCategory(Optional<Viewer> viewer, long categoryId) {
        return permissions.allows(viewer.map(Viewer::asMemberView), DiscussionPermissions.SEE,
                Scope.category(categoryId));
    }

    /** The condition for lists: events in categories the viewer sees, with the same visibility rule as {@link #sees}. */
    public Condition listable(DSLContext sql, Optional<Viewer> viewer) {
        Set<Long> seen = categories.visibleTo(sql, permissions, viewer.map(Viewer::asMemberView));
        Condition inCategories = EVENTS.CATEGORY_ID.in(seen);
        if (viewer.isEmpty()) {
            return inCategories.and(EVENTS.VISIBILITY.eq(Visibility.PUBLIC.key()));
        }
        long me = viewer.get().memberId();
        if (viewer.get().isStaff()) {
            return inCategories;
        }
        return inCategories.and(EVENTS.VISIBILITY.ne(Visibility.INVITE.key()).or(EVENTS.HOST_ID.eq(me))
                .or(DSL.exists(DSL.selectOne().from(EVENT_INVITEES).where(EVENT_INVITEES.EVENT_ID.eq(EVENTS.ID),
                        EVENT_INVITEES.MEMBER_ID.eq(me)))));
    }

    /** Whether the member may create events in the category. */
    public boolean mayHost(MemberView member, long categoryId) {
        return permissions.allows(Optional.of(member), EventPermissions.HOST, Scope.category(categoryId))
                && permissions.allows(Optional.of(member), DiscussionPermissions.SEE, Scope.category(categoryId));
    }

    /** Whether the viewer may edit or cancel the event, see all its attendees and check them in. */
    public boolean mayChange(Viewer viewer, Event event) {
        return manages(viewer, event.categoryId())
                || viewer.memberId() == event.hostId() && mayHost(viewer.asMemberView(), event.categoryId());
    }

    private boolean manages(Viewer viewer, long categoryId) {
        return permissions.allows(Optional.of(viewer.asMemberView()), EventPermissions.MANAGE,
                Scope.category(categoryId));
    }
}
