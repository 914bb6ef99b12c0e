package hearth.plugins.moderation;

import hearth.api.data.PluginTransaction;
import hearth.api.errors.InvalidInput;
import hearth.api.events.MemberSilenced;
import hearth.api.events.MemberSuspended;
import hearth.api.events.MemberWarned;
import hearth.api.moderation.ModerationActions;
import hearth.api.moderation.Standing;
import hearth.api.settings.Setting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Warnings, silences, suspensions and bans, each with a reason the member reads, each audited and journaled in the
 * transaction that imposes it. The core enforces a standing and ends a timed one by itself; this class decides.
 * Callers check who may impose what ({@link Staff#SANCTION}, {@link Staff#BAN}).
 */
public final class Sanctions {

    /** The lengths moderators pick from; "custom" takes a number of days. */
    public enum Length {
        DAY("24 hours", Duration.ofHours(24)), THREE_DAYS("72 hours", Duration.ofHours(72)),
        WEEK("1 week", Duration.ofDays(7)), MONTH("30 days", Duration.ofDays(30)), CUSTOM("custom", null),
        PERMANENT("until lifted", null);

        public final String label;
        private final Duration duration;

        Length(String label, Duration duration) {
            this.label = label;
            this.duration = duration;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Length parse(String key) {
            for (Length length : values()) {
                if (length.key().equals(key)) {
                    return length;
                }
            }
            throw new InvalidInput("length", "Choose how long: 24 hours, 72 hours, 1 week, 30 days or custom.");
        }
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ModerationActions core;
    private final AuditLog audit;
    private final Clock clock;
    private final Setting<String> appealUrl;

    public Sanctions(ModerationActions core, AuditLog audit, Clock clock, Setting<String> appealUrl) {
        this.core = core;
        this.audit = audit;
        this.clock = clock;
        this.appealUrl = appealUrl;
    }

    /** When a sanction of {@code length} imposed now ends; empty when it does not end by itself. */
    public Optional<Instant> until(Length length, Optional<Integer> customDays) {
        return switch (length) {
            case PERMANENT -> Optional.empty();
            case CUSTOM -> {
                int days = customDays.orElseThrow(() -> new InvalidInput("days", "Enter a number of days."));
                if (days < 1 || days > 3650) {
                    throw new InvalidInput("days", "Enter from 1 to 3650 days.");
                }
                yield Optional.of(clock.instant().plus(Duration.ofDays(days)));
            }
            default -> Optional.of(clock.instant().plus(length.duration));
        };
    }

    /** Sends a formal warning as a private message from the moderator, and logs it. */
    public void warn(PluginTransaction tx, long memberId, String reason, long byMemberId) {
        String why = reason(reason);
        core.sendPrivateMessage(tx, memberId, "A warning from the moderators",
                "The moderators are warning you about your conduct here:\n\n> " + why.replace("\n", "\n> ")
                        + "\n\nPlease read the community guidelines. If you think this is a mistake, you can appeal: "
                        + appealUrl.get(), byMemberId);
        tx.record(new MemberWarned(memberId, why, byMemberId));
        audit.record(tx, byMemberId, "warn", "member", memberId, 0, why, null, null);
    }

    /** Silences a member (reads, cannot post) until {@code until} (empty: until lifted). */
    public void silence(PluginTransaction tx, long memberId, Optional<Instant> until, String reason, long byMemberId) {
        impose(tx, memberId, Standing.SILENCED, until, reason, byMemberId, "silence");
        // A silenced member can still log in and read: tell them why they cannot post, and for how long.
        String howLong = until.map(at -> "until " + WHEN.format(at)).orElse("until they lift it");
        core.sendPrivateMessage(tx, memberId, "Your account is silenced", "The moderators have silenced your account "
                + howLong + ": you can read, but not post.\n\n> " + reason(reason).replace("\n", "\n> ")
                + "\n\nIf you think this is a mistake, you can appeal: " + appealUrl.get(), byMemberId);
        tx.record(new MemberSilenced(memberId, until.orElse(null), reason(reason), byMemberId));
    }

    /** Suspends a member (cannot log in) until {@code until}. */
    public void suspend(PluginTransaction tx, long memberId, Instant until, String reason, long byMemberId) {
        impose(tx, memberId, Standing.SUSPENDED, Optional.of(until), reason, byMemberId, "suspend");
        tx.record(new MemberSuspended(memberId, until, reason(reason), byMemberId));
    }

    /** Bans a member for good. */
    public void ban(PluginTransaction tx, long memberId, String reason, long byMemberId) {
        impose(tx, memberId, Standing.BANNED, Optional.empty(), reason, byMemberId, "ban");
        tx.record(new MemberSuspended(memberId, null, reason(reason), byMemberId));
    }

    /** Lifts any silence, suspension or ban early. */
    public void lift(PluginTransaction tx, long memberId, String reason, long byMemberId) {
        impose(tx, memberId, Standing.ACTIVE, Optional.empty(), reason, byMemberId, "lift");
    }

    private void impose(PluginTransaction tx, long memberId, Standing standing, Optional<Instant> until, String reason,
                        long byMemberId, String action) {
        String why = reason(reason);
        Standing before = core.standing(tx, memberId);
        // Suspended and banned members read the reason where they are refused, at login: give them the way to appeal.
        boolean lockedOut = standing == Standing.SUSPENDED || standing == Standing.BANNED;
        core.setStanding(tx, memberId, standing, until.orElse(null),
                lockedOut ? why + " (To appeal: " + appealUrl.get() + ")" : why, byMemberId);
        audit.record(tx, byMemberId, action, "member", memberId, 0, why, describe(before, Optional.empty()),
                describe(standing, until));
    }

    private static String describe(Standing standing, Optional<Instant> until) {
        String name = standing.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return until.map(at -> name + " until " + at).orElse(name);
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInput("reason", "Give a reason: the member will read it.");
        }
        if (why.length() > 1000) {
            throw new InvalidInput("reason", "Keep the reason under 1,000 characters.");
        }
        return why;
    }
}
