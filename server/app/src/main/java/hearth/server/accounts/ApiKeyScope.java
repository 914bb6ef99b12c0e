package hearth.server.accounts;

import hearth.server.accounts.Members.Role;
import hearth.api.errors.InvalidInput;
import io.vertx.core.http.HttpMethod;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do, each scope including the one before: {@link #READ} only reads (GET, HEAD) outside the
 * admin routes, {@link #WRITE} also changes things (any method) outside the admin routes, {@link #ADMIN} reaches
 * everything. Admin routes are the paths under {@code /admin} and {@code /api/v1/admin}.
 */
public enum ApiKeyScope {
    READ, WRITE, ADMIN;

    /** The scope's name as stored and typed: {@code read}, {@code write}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a scope as people type it; anything else is an {@link InvalidInput} on the field {@code scope}. */
    public static ApiKeyScope parse(String typed) {
        return switch (typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "admin" -> ADMIN;
            default -> throw new InvalidInput("scope", "Choose read, write or admin.");
        };
    }

    /** Whether a member of this role may hold a key of this scope: only admins' keys may have the admin scope. */
    public boolean allowedFor(Role role) {
        return this != ADMIN || role == Role.ADMIN;
    }

    /** The scope a key of this scope has today, when its owner's role is {@code ownerRole}: never above that role. */
    public ApiKeyScope cappedBy(Role ownerRole) {
        return allowedFor(ownerRole) ? this : WRITE;
    }

    /**
     * The role a request with a key of this (capped) scope acts with: the owner's, except that admin powers need the
     * admin scope, so an admin's read or write key acts as a moderator. Permission checks then need no key logic.
     */
    public Role actingRole(Role ownerRole) {
        return this != ADMIN && ownerRole == Role.ADMIN ? Role.MODERATOR : ownerRole;
    }

    /** Why this scope may not make the request, or empty if it may. {@code path} must be the normalised path. */
    public Optional<String> refusal(HttpMethod method, String path) {
        if (this != ADMIN && isAdminPath(path)) {
            return Optional.of("This API key cannot reach admin routes; that needs a key with the admin scope.");
        }
        if (this == READ && method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return Optional.of("This API key is read-only; changes need a key with the write scope.");
        }
        return Optional.empty();
    }

    static boolean isAdminPath(String path) {
        return under(path, "/admin") || under(path, "/api/v1/admin");
    }

    static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
