package hearth.plugins.volunteerroles.roles;

import hearth.api.access.PermissionInfo;
import hearth.api.access.Permissions;
import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The roles admins define: a name, what it is for, whether its badge shows, and the permissions it carries. Held in
 * memory (the access policy reads them on every permission check) and reloaded after each change.
 */
public final class RoleBook {

    /** One role. {@code shown}: a badge by its holders' names and a place on the team page. */
    public record RoleDef(long id, String name, String description, boolean shown, Set<String> permissions) {
    }

    /** What an admin typed into the role form. */
    public record Draft(String name, String description, boolean shown, Collection<String> permissions) {
    }

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<String> NAME = Columns.text("name");
    private static final Field<String> NAME_KEY = Columns.text("name_key");
    private static final Field<String> DESCRIPTION = Columns.text("description");
    private static final Field<Boolean> SHOWN = Columns.flag("shown");
    private static final Field<Instant> CREATED_AT = Columns.instant("created_at");
    private static final Field<Long> ROLE_ID = Columns.id("role_id");
    private static final Field<String> PERMISSION = Columns.text("permission");

    private final PluginDatabase db;
    private final Permissions permissions;
    private final Changes changes;
    private final Clock clock;
    private final Table<Record> roles;
    private final Table<Record> rolePermissions;
    private volatile Map<Long, RoleDef> byId = Map.of();

    public RoleBook(PluginDatabase db, Permissions permissions, Changes changes, Clock clock) {
        this.db = db;
        this.permissions = permissions;
        this.changes = changes;
        this.clock = clock;
        this.roles = DSL.table(DSL.name(db.table("roles")));
        this.rolePermissions = DSL.table(DSL.name(db.table("role_permissions")));
    }

    /** Reads every role (blocking). */
    public void reload() {
        byId = db.read(sql -> {
            Map<Long, Set<String>> perms = sql.select(ROLE_ID, PERMISSION).from(rolePermissions).fetch().stream()
                    .collect(Collectors.groupingBy(r -> r.value1(),
                            Collectors.mapping(r -> r.value2(), Collectors.toCollection(TreeSet::new))));
            Map<Long, RoleDef> fresh = new LinkedHashMap<>();
            sql.select(ID, NAME, DESCRIPTION, SHOWN).from(roles).orderBy(NAME_KEY).fetch().forEach(r ->
                    fresh.put(r.value1(), new RoleDef(r.value1(), r.value2(), r.value3(), r.value4(),
                            Set.copyOf(perms.getOrDefault(r.value1(), new TreeSet<>())))));
            return Map.copyOf(fresh);
        });
    }

    /** Every role, by name. */
    public List<RoleDef> all() {
        return byId.values().stream().sorted(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT))).toList();
    }

    public Optional<RoleDef> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public RoleDef require(long id) {
        return find(id).orElseThrow(() -> new NotFound("There is no such role."));
    }

    /** The permissions a role may carry: every permission the site knows now (the core's and enabled plugins'). */
    public List<PermissionInfo> grantable() {
        return permissions.catalogue();
    }

    /** Creates a role; returns its id. */
    public long create(Draft draft, long actorId) {
        Draft clean = validate(draft, 0);
        long id = db.write(sql -> {
            long roleId = sql.insertInto(roles, NAME, NAME_KEY, DESCRIPTION, SHOWN, CREATED_AT)
                    .values(clean.name(), key(clean.name()), clean.description(), clean.shown(), clock.instant())
                    .returningResult(ID).fetchOne().value1();
            writePermissions(sql, roleId, clean.permissions());
            changes.add(sql, actorId, "role-created", 0, roleId, describe(clean));
            return roleId;
        });
        reload();
        return id;
    }

    /** Changes a role; its holders have the new permissions from their next request. */
    public void update(long id, Draft draft, long actorId) {
        require(id);
        Draft clean = validate(draft, id);
        db.write(sql -> {
            sql.update(roles).set(NAME, clean.name()).set(NAME_KEY, key(clean.name()))
                    .set(DESCRIPTION, clean.description()).set(SHOWN, clean.shown()).where(ID.eq(id)).execute();
            sql.deleteFrom(rolePermissions).where(ROLE_ID.eq(id)).execute();
            writePermissions(sql, id, clean.permissions());
            changes.add(sql, actorId, "role-changed", 0, id, describe(clean));
            return null;
        });
        reload();
    }

    /** Deletes a role nobody holds. */
    public void delete(long id, long actorId, int openGrants) {
        RoleDef role = require(id);
        if (openGrants > 0) {
            throw new Conflict("Revoke the role from its " + openGrants + " holder(s) before deleting it.");
        }
        db.write(sql -> {
            sql.deleteFrom(rolePermissions).where(ROLE_ID.eq(id)).execute();
            sql.deleteFrom(roles).where(ID.eq(id)).execute();
            changes.add(sql, actorId, "role-deleted", 0, id, role.name());
            return null;
        });
        reload();
    }

    private void writePermissions(DSLContext sql, long roleId, Collection<String> keys) {
        for (String key : keys) {
            sql.insertInto(rolePermissions, ROLE_ID, PERMISSION).values(roleId, key).execute();
        }
    }

    private Draft validate(Draft draft, long id) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.length() < 2 || name.length() > 60) {
            throw new InvalidInput("name", "Give the role a name of 2 to 60 characters.");
        }
        boolean taken = byId.values().stream().anyMatch(r -> r.id() != id && key(r.name()).equals(key(name)));
        if (taken) {
            throw new InvalidInput("name", "There is a role called \"" + name + "\" already.");
        }
        String description = draft.description() == null ? "" : draft.description().strip();
        if (description.length() > 300) {
            throw new InvalidInput("description", "Keep the description under 300 characters.");
        }
        Set<String> known = grantable().stream().map(PermissionInfo::key).collect(Collectors.toSet());
        Set<String> chosen = new TreeSet<>(draft.permissions());
        if (chosen.isEmpty()) {
            throw new InvalidInput("permissions", "Choose at least one thing the role allows.");
        }
        chosen.stream().filter(p -> !known.contains(p)).findFirst().ifPresent(p -> {
            throw new InvalidInput("permissions", "\"" + p + "\" is not a permission of this site.");
        });
        return new Draft(name, description, draft.shown(), chosen);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String describe(Draft draft) {
        return draft.name() + ": " + String.join(", ", draft.permissions());
    }
}
