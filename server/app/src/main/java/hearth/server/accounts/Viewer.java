package hearth.server.accounts;

import hearth.api.views.MemberView;
import hearth.server.accounts.Members.Role;
import hearth.api.errors.Forbidden;
import hearth.server.web.NotLoggedIn;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The member behind a request, from a valid session or an API key. Handlers ask {@link #of} or {@link #required};
 * absent means anonymous. {@code role} is the role the request acts with: the member's, except that an API key
 * without the admin scope acts as a moderator at most ({@link ApiKeyScope#actingRole}). A request authenticated by
 * an API key has {@code sessionId} 0, and {@link ApiKeys.Used#of} tells the key.
 */
public record Viewer(long memberId, long sessionId, String username, String displayName, Role role,
                     boolean emailVerified, boolean twoFactor, boolean silenced, Instant joinedAt) {

    private static final String KEY = "viewer";

    public static Optional<Viewer> of(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(KEY));
    }

    /** The viewer, or a 401 that sends a browser to the login page and back. */
    public static Viewer required(RoutingContext ctx) {
        return of(ctx).orElseThrow(NotLoggedIn::new);
    }

    /** The viewer if they are an admin, else a 403 with {@code refusal} for the person. */
    public static Viewer requiredAdmin(RoutingContext ctx, String refusal) {
        return required(ctx).mustBeAdmin(refusal);
    }

    public Viewer mustBeAdmin(String refusal) {
        if (role != Role.ADMIN) {
            throw new Forbidden(refusal);
        }
        return this;
    }

    void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    public boolean isStaff() {
        return role == Role.MODERATOR || role == Role.ADMIN;
    }

    /** The viewer as plugins see members (with the role the request acts with). */
    public MemberView asMemberView() {
        return new MemberView(memberId, username, displayName, hearth.api.access.Role.valueOf(role.name()), silenced,
                joinedAt);
    }
}
