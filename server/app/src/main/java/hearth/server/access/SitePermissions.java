package hearth.server.access;

import hearth.api.access.AccessPolicy;
import hearth.api.access.AccessRequest;
import hearth.api.access.Decision;
import hearth.api.access.PermissionInfo;
import hearth.api.access.Permissions;
import hearth.api.access.Role;
import hearth.api.access.Scope;
import hearth.api.views.MemberView;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.Contribution.PermissionSpec;
import hearth.server.plugins.Owned;
import hearth.server.plugins.PluginFaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place that answers "may M do A in S". The enabled plugins' access policies speak first (any DENY wins,
 * else any ALLOW); then the core's scoped rules (a category's audiences); with no opinion, the permission's default
 * grants decide: a role has a permission if it or a role
 * below it is granted it; anonymous visitors have what is granted to them explicitly. An unknown permission (e.g. of
 * a plugin that is off) is refused. No I/O: policies and grants are in memory.
 */
public final class SitePermissions implements Permissions {

    private final ActivePlugins active;
    private final PluginFaults faults;
    private final Map<String, PermissionSpec> core;
    private final List<ScopedRule> rules;

    public SitePermissions(ActivePlugins active, PluginFaults faults, Map<String, PermissionSpec> core,
                           List<ScopedRule> rules) {
        this.active = active;
        this.faults = faults;
        this.core = Map.copyOf(core);
        this.rules = List.copyOf(rules);
    }

    @Override
    public boolean allows(Optional<MemberView> member, String permission, Scope scope) {
        AccessRequest request = new AccessRequest(member, permission, scope);
        boolean allowed = false;
        for (Owned<AccessPolicy> policy : active.policies()) {
            Decision decision = faults.call(policy, "access policy", () -> policy.value().decide(request),
                    Decision.ABSTAIN);
            if (decision == Decision.DENY) {
                return false;
            }
            allowed |= decision == Decision.ALLOW;
        }
        if (allowed) {
            return true;
        }
        for (ScopedRule rule : rules) {
            Optional<Boolean> decided = rule.decide(member, permission, scope);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        PermissionSpec spec = core.containsKey(permission) ? core.get(permission) : active.permissions().get(permission);
        if (spec == null) {
            return false;
        }
        return member.isPresent() ? granted(spec.grantedByDefault(), member.get().role()) : spec.anonymous();
    }

    @Override
    public List<PermissionInfo> catalogue() {
        Map<String, PermissionSpec> all = new TreeMap<>(core);
        active.permissions().forEach(all::putIfAbsent);
        return all.values().stream()
                .map(spec -> new PermissionInfo(spec.key(), spec.description(), spec.grantedByDefault())).toList();
    }

    private static boolean granted(Set<Role> roles, Role role) {
        return roles.stream().anyMatch(granted -> granted.ordinal() <= role.ordinal());
    }
}
