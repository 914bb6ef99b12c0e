package hearth.plugins.moderation.guards;

import hearth.api.content.SignUp;
import hearth.api.content.Verdict;
import hearth.api.data.Columns;
import hearth.api.data.PluginDatabase;
import hearth.api.errors.InvalidInput;
import hearth.api.settings.Setting;
import hearth.plugins.moderation.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The sign-up block lists: IP addresses and ranges, and email domains (a domain blocks its subdomains too), kept in
 * {@code moderation_sign_up_blocks} and in memory for the sign-up guard, which may do no I/O. The guard refuses with a
 * neutral message that does not say which list matched, so it tells a spammer nothing about what to change.
 */
public final class SignUpBlocks {

    /** What a refused sign-up is told. */
    public static final String REFUSAL = "Sign-ups from this address are not accepted. If you think this is a "
            + "mistake, please contact the site's admins.";
    /** Why a held sign-up waits, for the moderators. */
    public static final String WAITING = "Waiting for approval";

    /** One entry as the admin page lists it. */
    public record Block(long id, String kind, String value) {
    }

    private static final Field<Long> ID = Columns.id("id");
    private static final Field<String> KIND = Columns.text("kind");
    private static final Field<String> VALUE = Columns.text("blocked_value");
    private static final Field<Long> CREATED_BY = Columns.id("created_by");
    private static final Field<Instant> CREATED_AT = Columns.instant("created_at");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");

    private final PluginDatabase db;
    private final AuditLog audit;
    private final Clock clock;
    private final Setting<Boolean> approveSignUps;
    private final Table<Record> table;
    private volatile List<Block> blocks = List.of();
    private volatile List<IpRange> ranges = List.of();
    private volatile List<String> domains = List.of();

    public SignUpBlocks(PluginDatabase db, AuditLog audit, Clock clock, Setting<Boolean> approveSignUps) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.approveSignUps = approveSignUps;
        this.table = DSL.table(DSL.name(db.table("sign_up_blocks")));
    }

    /** Reads the lists (blocking). */
    public void reload() {
        List<Block> fresh = db.read(sql -> sql.select(ID, KIND, VALUE).from(table).orderBy(KIND, VALUE)
                .fetch(r -> new Block(r.value1(), r.value2(), r.value3())));
        blocks = fresh;
        ranges = fresh.stream().filter(b -> b.kind().equals("ip")).map(b -> IpRange.parse(b.value())).toList();
        domains = fresh.stream().filter(b -> b.kind().equals("domain")).map(Block::value).toList();
    }

    /** The sign-up guard: blocked address or domain refused, else held while admins approve sign-ups (memory). */
    public Verdict check(SignUp signUp) {
        if (blocked(signUp.ipAddress(), signUp.email())) {
            return Verdict.reject(REFUSAL);
        }
        return approveSignUps.get() ? Verdict.holdForReview(WAITING) : Verdict.accept();
    }

    /** Whether the address or the email's domain is on a list. */
    public boolean blocked(String ip, String email) {
        for (IpRange range : ranges) {
            if (range.contains(ip)) {
                return true;
            }
        }
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        while (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        for (String blocked : domains) {
            if (domain.equals(blocked) || domain.endsWith("." + blocked)) {
                return true;
            }
        }
        return false;
    }

    /** Every entry (memory). */
    public List<Block> all() {
        return blocks;
    }

    /** Adds an IP address or range ({@code kind} "ip") or an email domain ("domain"), with its audit entry. */
    public void add(String rawKind, String rawValue, long adminId) {
        String kind = rawKind == null ? "" : rawKind.strip();
        String value = switch (kind) {
            case "ip" -> IpRange.parse(rawValue).toString();
            case "domain" -> domain(rawValue);
            default -> throw new InvalidInput("kind", "Choose an IP address or range, or an email domain.");
        };
        db.transaction(tx -> {
            boolean known = tx.sql().fetchExists(table, KIND.eq(kind), VALUE.eq(value));
            if (known) {
                throw new InvalidInput("value", value + " is already on the list.");
            }
            tx.sql().insertInto(table, KIND, VALUE, CREATED_BY, CREATED_AT)
                    .values(kind, value, adminId, clock.instant()).execute();
            long id = tx.sql().select(DSL.max(ID)).from(table).where(KIND.eq(kind), VALUE.eq(value))
                    .fetchSingle().value1();
            audit.record(tx, adminId, "sign-up-block.add", "sign-up-block", id, 0, "", null, kind + " " + value);
            return id;
        });
        reload();
    }

    /** Removes an entry, with its audit entry; one already gone changes nothing. */
    public void remove(long id, long adminId) {
        Optional<Block> old = blocks.stream().filter(b -> b.id() == id).findFirst();
        db.transaction(tx -> {
            int deleted = tx.sql().deleteFrom(table).where(ID.eq(id)).execute();
            if (deleted > 0) {
                audit.record(tx, adminId, "sign-up-block.remove", "sign-up-block", id, 0, "",
                        old.map(b -> b.kind() + " " + b.value()).orElse(null), null);
            }
            return deleted;
        });
        reload();
    }

    /** An email domain in lower case, without a leading "@" or "*.", or an error on {@code value}. */
    static String domain(String raw) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("@")) {
            value = value.substring(1);
        }
        if (value.startsWith("*.")) {
            value = value.substring(2);
        }
        if (value.length() > 253 || !DOMAIN.matcher(value).matches()) {
            throw new InvalidInput("value", "Enter a domain such as example.com (its subdomains are blocked too).");
        }
        return value;
    }
}
