package hearth.server.events;

import hearth.api.access.Role;
import hearth.server.plugins.Contribution.PermissionSpec;
import java.util.Map;
import java.util.Set;

/**
 * The core's event permissions, asked with a category scope. By default moderators (and admins) host and manage
 * events; a plugin's access policy (e.g. a volunteer "event host" role) can allow {@link #HOST} to anyone.
 */
public final class EventPermissions {

    /** Create events and edit, cancel and check people in at one's own. */
    public static final String HOST = "events.host";
    /** Edit and cancel anyone's events and see their attendees. */
    public static final String MANAGE = "events.manage";

    private EventPermissions() {
    }

    public static Map<String, PermissionSpec> defaults() {
        return Map.of(
                HOST, new PermissionSpec(HOST, "Host events (create, edit and cancel one's own)",
                        Set.of(Role.MODERATOR)),
                MANAGE, new PermissionSpec(MANAGE, "Manage everyone's events", Set.of(Role.MODERATOR)));
    }
}
