package hearth.plugins.volunteerroles.roles;

import hearth.api.PluginContext;
import hearth.api.data.Columns;
import hearth.api.errors.Conflict;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import hearth.api.events.RoleExpired;
import hearth.api.events.RoleGranted;
import hearth.api.events.RoleRevoked;
import hearth.api.notifications.NotificationKind;
import hearth.api.views.MemberView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Who holds which role, where, and until when. Granting, revoking and expiring each happen in one transaction with
 * the journal event and the change record, and tell the member. The open grants are held in memory for the access
 * policy; a grant whose end date has passed stops counting at once, before the expiry task records it.
 */
public final class Grants {

    /** How long before its end a grant's holder and the admin who granted it are reminded. */
    public static final Duration REMINDER = Duration.ofDays(7);

    /** An open grant. {@code categories} empty: the whole site; {@code endsAt} null: no end date. */
    public record Grant(long id, long roleId, long memberId, Set<Long> categories, String reason, long grantedBy,
                        Instant grantedAt, Instant endsAt) {

        public boolean siteWide() {
            return categories.isEmpty();
        }

        public boolean liveAt(Instant now) {
            return endsAt == null || now.isBefore(endsAt);
        }
    }

    /** What an admin asked for: a role for a member, where (empty: site-wide), until when (null: open-ended). */
    public record Request(long roleId, long memberId, Set<Long> categories, Instant endsAt, String reason) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<Long> ROLE_ID = Columns.id("role_id");
    private static final Field<Long> MEMBER_ID = Columns.id("member_id");
    private static final Field<String> CATEGORIES = Columns.text("categories");
    private static final Field<String> REASON = Columns.text("reason");
    private static final Field<Long> GRANTED_BY = Columns.id("granted_by");
    private static final Field<Instant> GRANTED_AT = Columns.instant("granted_at");
    private static final Field<Instant> ENDS_AT = Columns.instant("ends_at");
    private static final Field<Instant> REMINDED_AT = Columns.instant("reminded_at");
    private static final Field<Instant> ENDED_AT = Columns.instant("ended_at");
    private static final Field<String> END_KIND = Columns.text("end_kind");
    private static final Field<Long> ENDED_BY = Columns.id("ended_by");
    private static final Field<String> END_REASON = Columns.text("end_reason");

    private final PluginContext context;
    private final RoleBook roles;
    private final Changes changes;
    private final NotificationKind told;
    private final Table<Record> table;
    private volatile Map<Long, List<Grant>> openByMember = Map.of();

    public Grants(PluginContext context, RoleBook roles, Changes changes, NotificationKind told) {
        this.context = context;
        this.roles = roles;
        this.changes = changes;
        this.told = told;
        this.table = DSL.table(DSL.name(context.database().table("grants")));
    }

    /** Reads the open grants (blocking). */
    public void reload() {
        List<Grant> open = context.database().read(sql -> sql.select(ID, ROLE_ID, MEMBER_ID, CATEGORIES, REASON,
                        GRANTED_BY, GRANTED_AT, ENDS_AT).from(table).where(ENDED_AT.isNull()).orderBy(ID)
                .fetch(r -> new Grant(r.value1(), r.value2(), r.value3(), categories(r.value4()), r.value5(),
                        r.value6(), r.value7(), r.value8())));
        openByMember = Map.copyOf(open.stream().collect(Collectors.groupingBy(Grant::memberId)));
    }

    /** The member's open grants, from memory. */
    public List<Grant> of(long memberId) {
        return openByMember.getOrDefault(memberId, List.of());
    }

    /** Every open grant, from memory. */
    public List<Grant> open() {
        return openByMember.values().stream().flatMap(List::stream)
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    public Grant require(long grantId) {
        return open().stream().filter(g -> g.id() == grantId).findFirst()
                .orElseThrow(() -> new NotFound("There is no such open grant: it may have ended already."));
    }

    /** Grants a role; returns the grant's id. */
    public long grant(Request request, long actorId) {
        RoleBook.RoleDef role = roles.require(request.roleId());
        MemberView member = context.members().byId(request.memberId())
                .orElseThrow(() -> new InvalidInput("member", "There is no such member."));
        Instant now = context.clock().instant();
        if (request.endsAt() != null && !request.endsAt().isAfter(now)) {
            throw new InvalidInput("ends", "The end date must be in the future.");
        }
        String reason = reason(request.reason());
        boolean duplicate = of(member.id()).stream().anyMatch(g -> g.roleId() == role.id()
                && g.categories().equals(request.categories()));
        if (duplicate) {
            throw new Conflict(member.displayName() + " holds this role there already.");
        }
        List<Long> categoryIds = List.copyOf(new TreeSet<>(request.categories()));
        long id = context.database().transaction(tx -> {
            long grantId = tx.sql().insertInto(table, ROLE_ID, MEMBER_ID, CATEGORIES, REASON, GRANTED_BY, GRANTED_AT,
                            ENDS_AT)
                    .values(role.id(), member.id(), join(categoryIds), reason, actorId, now, request.endsAt())
                    .returningResult(ID).fetchOne().value1();
            tx.record(new RoleGranted(grantId, role.id(), role.name(), member.id(), categoryIds, request.endsAt(),
                    reason, actorId));
            changes.add(tx.sql(), actorId, "granted", member.id(), role.id(), role.name() + where(categoryIds)
                    + until(request.endsAt()) + ". " + reason);
            return grantId;
        });
        reload();
        context.notifications().send(member.id(), told, "You are now " + role.name() + where(categoryIds)
                + until(request.endsAt()), "/x/volunteer-roles/team", "granted:" + id);
        return id;
    }

    /** Takes a grant back before its end. */
    public void revoke(long grantId, String rawReason, long actorId) {
        String reason = reason(rawReason);
        if (open().stream().noneMatch(g -> g.id() == grantId) && context.database().read(sql ->
                sql.fetchExists(table, ID.eq(grantId)))) {
            throw new Conflict("This grant has ended already.");
        }
        Grant grant = require(grantId);
        String roleName = roles.find(grant.roleId()).map(RoleBook.RoleDef::name).orElse("a role");
        boolean ended = context.database().transaction(tx -> {
            if (!end(tx.sql(), grantId, "revoked", actorId, reason)) {
                return false;
            }
            tx.record(new RoleRevoked(grantId, grant.roleId(), roleName, grant.memberId(), reason, actorId));
            changes.add(tx.sql(), actorId, "revoked", grant.memberId(), grant.roleId(), roleName + ". " + reason);
            return true;
        });
        reload();
        if (!ended) {
            throw new Conflict("This grant has ended already.");
        }
        context.notifications().send(grant.memberId(), told, "You are no longer " + roleName + ": " + reason,
                "/x/volunteer-roles/team", "revoked:" + grantId);
    }

    /**
     * Reminds holders (and whoever granted the role) of grants ending within {@link #REMINDER}, once each, and ends
     * grants whose date has come. Safe to run on any node at any time: each grant is claimed by a conditional update.
     */
    public void expireAndRemind() {
        Instant now = context.clock().instant();
        for (Grant grant : open()) {
            if (grant.endsAt() == null) {
                continue;
            }
            String roleName = roles.find(grant.roleId()).map(RoleBook.RoleDef::name).orElse("a role");
            if (!grant.liveAt(now)) {
                expire(grant, roleName);
            } else if (!now.isBefore(grant.endsAt().minus(REMINDER))) {
                remind(grant, roleName, now);
            }
        }
        reload();
    }

    private void expire(Grant grant, String roleName) {
        boolean ended = context.database().transaction(tx -> {
            if (!end(tx.sql(), grant.id(), "expired", 0, "Reached its end date")) {
                return false;
            }
            tx.record(new RoleExpired(grant.id(), grant.roleId(), roleName, grant.memberId(), grant.endsAt()));
            changes.add(tx.sql(), 0, "expired", grant.memberId(), grant.roleId(), roleName + where(
                    List.copyOf(grant.categories())) + " ended on " + DAY.format(grant.endsAt()));
            return true;
        });
        if (ended) {
            context.notifications().send(grant.memberId(), told, "Your role " + roleName + " has ended. Thank you!",
                    "/x/volunteer-roles/team", "expired:" + grant.id());
        }
    }

    private void remind(Grant grant, String roleName, Instant now) {
        int claimed = context.database().write(sql -> sql.update(table).set(REMINDED_AT, now)
                .where(ID.eq(grant.id()), REMINDED_AT.isNull(), ENDED_AT.isNull()).execute());
        if (claimed == 0) {
            return;
        }
        String member = context.members().byId(grant.memberId()).map(MemberView::displayName).orElse("A member");
        context.notifications().send(grant.memberId(), told, "Your role " + roleName + " ends on "
                + DAY.format(grant.endsAt()), "/x/volunteer-roles/team", "reminder:" + grant.id());
        if (grant.grantedBy() != grant.memberId()) {
            context.notifications().send(grant.grantedBy(), told, member + "'s role " + roleName + " ends on "
                    + DAY.format(grant.endsAt()), "/admin/x/volunteer-roles/", "reminder-cm:" + grant.id());
        }
    }

    /** Ends an open grant; false when it had ended already (another node, a double click). */
    private boolean end(DSLContext sql, long grantId, String kind, long actorId, String reason) {
        return sql.update(table).set(ENDED_AT, context.clock().instant()).set(END_KIND, kind)
                .set(ENDED_BY, actorId).set(END_REASON, reason)
                .where(ID.eq(grantId), ENDED_AT.isNull()).execute() == 1;
    }

    /** Grants that end within {@code within}, soonest first: the expiry calendar. */
    public List<Grant> ending(Duration within) {
        Instant limit = context.clock().instant().plus(within);
        return open().stream().filter(g -> g.endsAt() != null && g.endsAt().isBefore(limit))
                .sorted((a, b) -> a.endsAt().compareTo(b.endsAt())).toList();
    }

    /** How many open grants a role has. */
    public int holders(long roleId) {
        return (int) open().stream().filter(g -> g.roleId() == roleId).count();
    }

    /** Every member who holds a role now, from memory. */
    public Set<Long> holderIds() {
        return openByMember.keySet();
    }

    private static String reason(String raw) {
        String reason = raw == null ? "" : raw.strip();
        if (reason.length() > 500) {
            throw new InvalidInput("reason", "Keep the reason under 500 characters.");
        }
        return reason;
    }

    private static String where(Collection<Long> categoryIds) {
        return categoryIds.isEmpty() ? "" : " (in " + categoryIds.size() + " categor"
                + (categoryIds.size() == 1 ? "y" : "ies") + ")";
    }

    private static String until(Instant endsAt) {
        return endsAt == null ? "" : " until " + DAY.format(endsAt);
    }

    private static Set<Long> categories(String stored) {
        return stored.isBlank() ? Set.of() : Arrays.stream(stored.split(",")).map(Long::parseLong)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
