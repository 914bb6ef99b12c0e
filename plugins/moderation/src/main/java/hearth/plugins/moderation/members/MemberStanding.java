package hearth.plugins.moderation.members;

import hearth.api.moderation.Standing;
import hearth.plugins.moderation.AuditLog;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A member's standing as the staff page shows it. The core tells only the standing itself; when it ends and why come
 * from the latest sanction in the audit log, when that sanction is the one in force (a standing changed elsewhere,
 * say by an admin on the member admin page, shows without them). Public because templates and the JSON API read it.
 *
 * @param standing {@code active}, {@code silenced}, {@code suspended}, {@code banned} or {@code pending approval}
 * @param until    when a silence or suspension ends by itself, or null
 * @param reason   the reason the member was given, or null
 */
public record MemberStanding(String standing, Instant until, String reason) {

    private static final Set<String> SANCTIONS = Set.of("silence", "suspend", "ban", "lift");

    static MemberStanding of(Standing standing, List<AuditLog.Entry> aboutMember) {
        String name = standing.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (standing == Standing.ACTIVE || standing == Standing.PENDING_APPROVAL) {
            return new MemberStanding(name, null, null);
        }
        return aboutMember.stream().filter(e -> SANCTIONS.contains(e.action())).findFirst()
                .filter(e -> e.after() != null && e.after().startsWith(name))
                .map(e -> new MemberStanding(name, until(e.after()), e.reason()))
                .orElse(new MemberStanding(name, null, null));
    }

    /** The end of a sanction as {@code Sanctions} describes it in the audit log: "silenced until <instant>". */
    private static Instant until(String described) {
        int at = described.indexOf(" until ");
        if (at < 0) {
            return null;
        }
        try {
            return Instant.parse(described.substring(at + " until ".length()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
