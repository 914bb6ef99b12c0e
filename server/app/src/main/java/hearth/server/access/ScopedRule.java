package hearth.server.access;

import hearth.api.access.Scope;
import hearth.api.views.MemberView;
import java.util.Optional;

/**
 * A core rule that decides some permissions in some scopes (e.g. a category's audiences) before the role defaults;
 * empty means it has no say. In memory only: it runs inside requests and transactions.
 */
@FunctionalInterface
public interface ScopedRule {

    Optional<Boolean> decide(Optional<MemberView> member, String permission, Scope scope);
}
