package hearth.plugins.volunteerroles.roles;

import hearth.api.access.AccessRequest;
import hearth.api.access.Decision;
import java.time.Clock;
import java.time.Instant;

/**
 * Feeds roles into every permission check: a member holding a role that carries the permission is allowed it where
 * the grant applies. A site-wide grant applies everywhere; a grant for some categories applies to those categories
 * only, never to site-wide questions (opening the review queue is asked per category by the plugins that scope it).
 * Never denies: what a role does not carry falls through to the other policies and the defaults.
 */
public final class RolePolicy {

    private final RoleBook roles;
    private final Grants grants;
    private final Clock clock;

    public RolePolicy(RoleBook roles, Grants grants, Clock clock) {
        this.roles = roles;
        this.grants = grants;
        this.clock = clock;
    }

    public Decision decide(AccessRequest request) {
        if (request.member().isEmpty()) {
            return Decision.ABSTAIN;
        }
        Instant now = clock.instant();
        for (Grants.Grant grant : grants.of(request.member().get().id())) {
            if (grant.liveAt(now) && carries(grant, request.permission()) && applies(grant, request)) {
                return Decision.ALLOW;
            }
        }
        return Decision.ABSTAIN;
    }

    private boolean carries(Grants.Grant grant, String permission) {
        return roles.find(grant.roleId()).map(role -> role.permissions().contains(permission)).orElse(false);
    }

    private static boolean applies(Grants.Grant grant, AccessRequest request) {
        return switch (request.scope().kind()) {
            case SITE, TOPIC -> grant.siteWide();
            case CATEGORY -> grant.siteWide() || grant.categories().contains(request.scope().id());
        };
    }
}
