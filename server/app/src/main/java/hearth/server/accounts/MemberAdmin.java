package hearth.server.accounts;

import static hearth.server.db.schema.tables.Members.MEMBERS;

import hearth.api.events.MemberRoleChanged;
import hearth.api.events.MemberStatusChanged;
import hearth.server.accounts.Members.Role;
import hearth.server.db.Database;
import hearth.server.db.Tx;
import hearth.api.errors.Forbidden;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Managing members: listing them for admins, changing their role, and setting their standing (active, silenced,
 * suspended, banned). The core stores and enforces standing; the moderation plugin decides it through
 * {@link #setStatus}. Every change runs in one transaction, records its event, and makes the member's cached sessions
 * reload at once on this node (on other nodes within the session cache period).
 *
 * <p>The site never ends up without an admin who can log in: demoting, suspending or banning the last one is refused
 * (and so is that admin deleting their account, in {@link AccountDeletion}).
 */
public final class MemberAdmin {

    public static final int PAGE_SIZE = 50;
    static final int MAX_REASON = 500;

    /** A member as admins see them. {@code status} is the standing in force now (a served suspension is active). */
    public record Listed(long id, String username, String displayName, Role role, MemberStatus status,
                         String statusReason, Instant joinedAt) {

        public String roleKey() {
            return role.key();
        }

        public String statusKey() {
            return status.kind().name().toLowerCase(Locale.ROOT);
        }
    }

    /** One page of the member list. */
    public record Page(List<Listed> members, String query, int page, int pages, int total) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages;
        }
    }

    private final Database db;
    private final Members members;
    private final Sessions sessions;
    private final Clock clock;

    public MemberAdmin(Database db, Members members, Sessions sessions, Clock clock) {
        this.db = db;
        this.members = members;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Members whose username or display name starts with {@code query} (any case), by username, 50 a page. */
    public Future<Page> list(Viewer viewer, String query, String page) {
        requireAdmin(viewer);
        String prefix = query == null ? "" : query.strip();
        if (prefix.length() > 60) {
            return Future.failedFuture(new InvalidInput("q", "Search for at most 60 characters."));
        }
        int number;
        try {
            number = pageNumber(page);
        } catch (InvalidInput e) {
            return Future.failedFuture(e);
        }
        return db.read(sql -> {
            Condition where = MEMBERS.DELETED_AT.isNull();
            if (!prefix.isEmpty()) {
                String pattern = escapeLike(prefix.toLowerCase(Locale.ROOT)) + "%";
                where = where.and(MEMBERS.USERNAME_KEY.like(pattern, '!')
                        .or(DSL.lower(MEMBERS.DISPLAY_NAME).like(pattern, '!')));
            }
            int total = sql.fetchCount(MEMBERS, where);
            List<Listed> rows = sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, MEMBERS.ROLE,
                            MEMBERS.STATUS, MEMBERS.STATUS_UNTIL, MEMBERS.STATUS_REASON, MEMBERS.CREATED_AT)
                    .from(MEMBERS)
                    .where(where)
                    .orderBy(MEMBERS.USERNAME_KEY)
                    .limit(PAGE_SIZE)
                    .offset((number - 1) * PAGE_SIZE)
                    .fetch(this::listed);
            return new Page(rows, prefix, number, Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE), total);
        });
    }

    /** One member by username (any case); deleted accounts are not found. */
    public Future<Listed> find(Viewer viewer, String username) {
        requireAdmin(viewer);
        return db.read(sql -> byUsername(sql, username, false));
    }

    /**
     * Gives a member another role, for a reason the journal keeps. Only admins may; an admin cannot be demoted when
     * they are the last admin who can log in.
     */
    public Future<Listed> changeRole(Viewer by, String username, String roleKey, String reason) {
        requireAdmin(by);
        String why = reason == null ? "" : reason.strip();
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        Role to = Role.fromKey(roleKey == null ? "" : roleKey.strip().toLowerCase(Locale.ROOT)).orElse(null);
        if (to == null) {
            errors.put("role", "Choose member, moderator or admin.");
        }
        if (why.isEmpty()) {
            errors.put("reason", "Say why, for the record.");
        } else if (why.length() > MAX_REASON) {
            errors.put("reason", "Keep the reason under " + MAX_REASON + " characters.");
        }
        if (!errors.isEmpty()) {
            return Future.failedFuture(new InvalidInput(errors));
        }
        return db.write(tx -> {
            members.lockAdminChanges(tx);
            Set<Long> admins = members.adminsWhoCanLogIn(tx);
            if (!admins.contains(by.memberId())) {
                // Demoted (or locked out) since this request began: the session's role is already stale.
                throw new Forbidden("Only admins can manage members.");
            }
            Listed member = byUsername(tx.sql(), username, true);
            if (member.role() == to) {
                throw new InvalidInput("role", member.username() + " is already " + article(to) + ".");
            }
            if (member.role() == Role.ADMIN) {
                if (admins.size() == 1 && admins.contains(member.id())) {
                    throw new InvalidInput("role", member.username() + " is the only admin. Make another member an "
                            + "admin first.");
                }
            }
            tx.sql().update(MEMBERS).set(MEMBERS.ROLE, to.key()).where(MEMBERS.ID.eq(member.id())).execute();
            tx.record(new MemberRoleChanged(member.id(), member.role().key(), to.key(), by.memberId(), why));
            forgetAfterCommit(tx, member.id());
            return new Listed(member.id(), member.username(), member.displayName(), to, member.status(),
                    member.statusReason(), member.joinedAt());
        });
    }

    /** {@link #setStatus(Tx, long, MemberStatus.Kind, Instant, String, long)} in a transaction of its own. */
    public Future<Void> setStatus(long memberId, MemberStatus.Kind kind, Instant until, String reason,
                                  long byMemberId) {
        return db.write(tx -> {
            setStatus(tx, memberId, kind, until, reason, byMemberId);
            return null;
        });
    }

    /**
     * Sets a member's standing inside the caller's transaction. Who may do this is the caller's decision (the
     * moderation plugin asks its permissions first). Suspending or banning ends all the member's sessions at once.
     *
     * @param until  when a silence or suspension ends by itself (in the future), or null for "until lifted"; must be
     *               null for {@code ACTIVE} and {@code BANNED}
     * @param reason shown to the member when they try to log in; at most 500 characters; dropped for {@code ACTIVE}
     * @param byMemberId who decided; 0 for the site itself
     * @throws InvalidInput for a bad {@code until} or {@code reason}, or when it would lock out the last admin
     * @throws NotFound     when there is no such member (or the account was deleted)
     */
    public void setStatus(Tx tx, long memberId, MemberStatus.Kind kind, Instant until, String reason,
                          long byMemberId) {
        String why = reason == null || reason.isBlank() || kind == MemberStatus.Kind.ACTIVE ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw new InvalidInput("reason", "Keep the reason under " + MAX_REASON + " characters.");
        }
        boolean expires = kind == MemberStatus.Kind.SILENCED || kind == MemberStatus.Kind.SUSPENDED;
        if (until != null && !expires) {
            throw new InvalidInput("until", kind == MemberStatus.Kind.BANNED
                    ? "A ban does not end by itself; suspend instead." : "Only silences and suspensions end.");
        }
        if (until != null && !until.isAfter(clock.instant())) {
            throw new InvalidInput("until", "Choose a time in the future.");
        }
        // Locks in the same order as a session lookup (the member's sessions, then the member).
        members.lockAdminChanges(tx);
        MemberStatus next = new MemberStatus(kind, until);
        if (next.blocksLogin()) {
            sessions.revokeAll(tx, memberId, 0);
            Set<Long> admins = members.adminsWhoCanLogIn(tx);
            if (admins.size() == 1 && admins.contains(memberId)) {
                throw new InvalidInput("status", "This is the only admin who can log in; they cannot be "
                        + (kind == MemberStatus.Kind.BANNED ? "banned." : "suspended."));
            }
        }
        var row = tx.sql().select(MEMBERS.ROLE, MEMBERS.STATUS).from(MEMBERS)
                .where(MEMBERS.ID.eq(memberId), MEMBERS.DELETED_AT.isNull()).forUpdate().fetchOptional()
                .orElseThrow(() -> new NotFound("There is no such member."));
        String to = kind.name().toLowerCase(Locale.ROOT);
        tx.sql().update(MEMBERS)
                .set(MEMBERS.STATUS, to)
                .set(MEMBERS.STATUS_UNTIL, until)
                .set(MEMBERS.STATUS_REASON, why)
                .where(MEMBERS.ID.eq(memberId))
                .execute();
        tx.record(new MemberStatusChanged(memberId, row.value2(), to, until, why, byMemberId));
        forgetAfterCommit(tx, memberId);
    }

    private void forgetAfterCommit(Tx tx, long memberId) {
        // After the commit: forgetting earlier would let a racing request cache the old row again.
        tx.afterCommit(() -> sessions.forgetMember(memberId, 0));
    }

    private Listed byUsername(DSLContext sql, String username, boolean lock) {
        var select = sql.select(MEMBERS.ID, MEMBERS.USERNAME, MEMBERS.DISPLAY_NAME, MEMBERS.ROLE, MEMBERS.STATUS,
                        MEMBERS.STATUS_UNTIL, MEMBERS.STATUS_REASON, MEMBERS.CREATED_AT)
                .from(MEMBERS)
                .where(MEMBERS.USERNAME_KEY.eq(username == null ? "" : username.strip().toLowerCase(Locale.ROOT)),
                        MEMBERS.DELETED_AT.isNull());
        return (lock ? select.forUpdate().fetchOptional(this::listed) : select.fetchOptional(this::listed))
                .orElseThrow(() -> new NotFound("There is no member called " + username + "."));
    }

    private Listed listed(Record r) {
        return new Listed(r.get(MEMBERS.ID), r.get(MEMBERS.USERNAME), r.get(MEMBERS.DISPLAY_NAME),
                Role.fromKey(r.get(MEMBERS.ROLE)).orElse(Role.MEMBER),
                MemberStatus.of(r.get(MEMBERS.STATUS), r.get(MEMBERS.STATUS_UNTIL), clock.instant()),
                r.get(MEMBERS.STATUS_REASON), r.get(MEMBERS.CREATED_AT));
    }

    static void requireAdmin(Viewer viewer) {
        viewer.mustBeAdmin("Only admins can manage members.");
    }

    /** Page numbers from a query string: absent means 1; anything but a positive number is refused. */
    static int pageNumber(String page) {
        if (page == null || page.isEmpty()) {
            return 1;
        }
        try {
            int number = Integer.parseInt(page);
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInput("page", "Pages are numbered from 1.");
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String article(Role role) {
        return role == Role.ADMIN ? "an admin" : "a " + role.key();
    }
}
