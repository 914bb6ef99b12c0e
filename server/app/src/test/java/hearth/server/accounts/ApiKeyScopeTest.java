package hearth.server.accounts;

import static hearth.server.accounts.ApiKeyScope.ADMIN;
import static hearth.server.accounts.ApiKeyScope.READ;
import static hearth.server.accounts.ApiKeyScope.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.accounts.Members.Role;
import hearth.api.errors.InvalidInput;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** The scope rules on their own: which method and path each scope may use, and how the owner's role caps them. */
class ApiKeyScopeTest {

    @Test
    void eachScopeIncludesTheOneBefore() {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
            assertTrue(READ.refusal(method, "/api/v1/me").isEmpty());
            assertTrue(WRITE.refusal(method, "/api/v1/me").isEmpty());
        }
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                HttpMethod.DELETE, HttpMethod.OPTIONS}) {
            assertTrue(READ.refusal(method, "/api/v1/me").isPresent(), method.name());
            assertTrue(WRITE.refusal(method, "/api/v1/me").isEmpty(), method.name());
        }
        for (String path : new String[] {"/admin", "/admin/api", "/api/v1/admin", "/api/v1/admin/api-keys/3"}) {
            assertTrue(READ.refusal(HttpMethod.GET, path).isPresent(), path);
            assertTrue(WRITE.refusal(HttpMethod.GET, path).isPresent(), path);
            assertTrue(ADMIN.refusal(HttpMethod.DELETE, path).isEmpty(), path);
        }
        // Under means whole path segments: these are not admin routes.
        assertTrue(WRITE.refusal(HttpMethod.POST, "/api/v1/administrators").isEmpty());
        assertTrue(WRITE.refusal(HttpMethod.POST, "/administrivia").isEmpty());
    }

    @Test
    void aKeyNeverExceedsItsOwnersRole() {
        assertTrue(ADMIN.allowedFor(Role.ADMIN));
        assertFalse(ADMIN.allowedFor(Role.MODERATOR));
        assertFalse(ADMIN.allowedFor(Role.MEMBER));
        assertEquals(WRITE, ADMIN.cappedBy(Role.MODERATOR), "a demoted admin's key keeps only write");
        assertEquals(ADMIN, ADMIN.cappedBy(Role.ADMIN));
        assertEquals(READ, READ.cappedBy(Role.MEMBER));

        assertEquals(Role.ADMIN, ADMIN.actingRole(Role.ADMIN));
        assertEquals(Role.MODERATOR, WRITE.actingRole(Role.ADMIN), "admin powers need the admin scope");
        assertEquals(Role.MODERATOR, READ.actingRole(Role.ADMIN));
        assertEquals(Role.MODERATOR, WRITE.actingRole(Role.MODERATOR));
        assertEquals(Role.MEMBER, WRITE.actingRole(Role.MEMBER));
    }

    @Test
    void scopesAreTypedByName() {
        assertEquals(READ, ApiKeyScope.parse("read"));
        assertEquals(WRITE, ApiKeyScope.parse(" Write "));
        assertEquals(ADMIN, ApiKeyScope.parse("ADMIN"));
        InvalidInput wrong = assertThrows(InvalidInput.class, () -> ApiKeyScope.parse("root"));
        assertEquals("scope", wrong.field());
        assertThrows(InvalidInput.class, () -> ApiKeyScope.parse(null));
    }
}
