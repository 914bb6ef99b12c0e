package hearth.api.access;

import java.util.Set;

/**
 * A permission the site knows, as {@link Permissions#catalogue} lists it.
 *
 * @param key              e.g. {@code discussions.moderate}
 * @param description      what it allows, for admins
 * @param grantedByDefault the roles that have it unless a policy says otherwise (each includes those above it)
 * @since 1.2.0
 */
public record PermissionInfo(String key, String description, Set<Role> grantedByDefault) {
}
