package hearth.api.access;

import hearth.api.views.MemberView;
import java.util.Optional;

/**
 * A question to the permission service.
 *
 * @param member     who asks; empty for an anonymous visitor
 * @param permission the permission's key, e.g. {@code moderation.review-flags}
 * @param scope      where
 */
public record AccessRequest(Optional<MemberView> member, String permission, Scope scope) {
}
