package hearth.api.access;

import hearth.api.errors.Forbidden;
import hearth.api.views.MemberView;
import java.util.List;
import java.util.Optional;

/**
 * Answers "may this member do this here?" from the permissions' default grants by role and the enabled plugins'
 * access policies. Handlers ask before acting; templates only hide what handlers would refuse anyway.
 */
public interface Permissions {

    /** Whether {@code member} (empty: anonymous) has {@code permission} in {@code scope}. Does no I/O. */
    boolean allows(Optional<MemberView> member, String permission, Scope scope);

    /**
     * Every permission the site knows now: the core's and those of the enabled plugins, by key. For forms that let
     * admins combine permissions (e.g. into volunteer roles).
     *
     * @since 1.2.0
     */
    List<PermissionInfo> catalogue();

    /** Throws {@link Forbidden} with {@code refusal} unless {@link #allows}. */
    default void require(Optional<MemberView> member, String permission, Scope scope, String refusal) {
        if (!allows(member, permission, scope)) {
            throw new Forbidden(refusal);
        }
    }
}
