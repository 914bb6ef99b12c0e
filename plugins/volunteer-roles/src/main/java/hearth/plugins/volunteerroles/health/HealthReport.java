package hearth.plugins.volunteerroles.health;

import hearth.api.PluginContext;
import hearth.api.settings.Setting;
import hearth.api.views.MemberView;
import hearth.plugins.volunteerroles.roles.Grants;
import hearth.plugins.volunteerroles.roles.RoleBook;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Volunteer health for community managers: per volunteer (role holders, and anyone who reviewed in the last 90
 * days), what they did in the last 7, 30 and 90 days, how fast flags they handled had been waiting, how much of it
 * fell outside working hours, and who went quiet; plus the calendar of roles about to end.
 */
public final class HealthReport {

    /** Counts of one kind of action over 7, 30 and 90 days. */
    public record Counts(int days7, int days30, int days90) {
    }

    /**
     * One volunteer's line.
     *
     * @param reviews          queue items handled (flags settled, posts approved or hidden)
     * @param medianWaitHours  how long the flags they settled had waited, median, in hours; -1 without any
     * @param afterHours       share of their 90-day actions outside working hours, in percent
     * @param lastActionAt     their latest action, or null
     * @param quiet            no action for the quiet period
     */
    public record Line(long memberId, String username, String displayName, List<String> roles, Counts reviews,
                       Counts replies, Counts events, double medianWaitHours, int afterHours, Instant lastActionAt,
                       boolean quiet) {
    }

    /** A grant that ends soon, for the calendar. */
    public record Ending(long grantId, String username, String displayName, String role, Instant endsAt) {
    }

    public record Report(List<Line> volunteers, List<Ending> ending, int quietDays) {
    }

    private final PluginContext context;
    private final ActionLog actions;
    private final Grants grants;
    private final RoleBook roles;
    private final Setting<String> zone;
    private final Setting<Integer> quietDays;

    public HealthReport(PluginContext context, ActionLog actions, Grants grants, RoleBook roles, Setting<String> zone,
                        Setting<Integer> quietDays) {
        this.context = context;
        this.actions = actions;
        this.grants = grants;
        this.roles = roles;
        this.zone = zone;
        this.quietDays = quietDays;
    }

    public Report build() {
        Instant now = context.clock().instant();
        List<ActionLog.Action> recent = actions.since(now.minus(Duration.ofDays(90)));
        Map<Long, List<ActionLog.Action>> byMember = recent.stream()
                .collect(Collectors.groupingBy(ActionLog.Action::memberId));
        Set<Long> volunteers = new HashSet<>(grants.holderIds());
        recent.stream().filter(a -> a.kind().equals(ActionLog.REVIEW)).forEach(a -> volunteers.add(a.memberId()));
        Map<Long, Instant> last = actions.lastActions();
        Duration quiet = Duration.ofDays(quietDays.get());
        ZoneId workZone = zone();
        List<Line> lines = new ArrayList<>();
        for (long memberId : volunteers) {
            MemberView member = context.members().byId(memberId).orElse(null);
            if (member == null) {
                continue;
            }
            List<ActionLog.Action> mine = byMember.getOrDefault(memberId, List.of());
            Instant lastAt = last.get(memberId);
            int afterHours = mine.isEmpty() ? 0 : (int) Math.round(100.0
                    * mine.stream().filter(a -> afterHours(a.at(), workZone)).count() / mine.size());
            lines.add(new Line(memberId, member.username(), member.displayName(), roleNames(memberId),
                    counts(mine, ActionLog.REVIEW, now), counts(mine, ActionLog.REPLY, now),
                    counts(mine, ActionLog.EVENT, now), medianWaitHours(mine), afterHours, lastAt,
                    lastAt == null || lastAt.isBefore(now.minus(quiet))));
        }
        lines.sort(Comparator.comparing(Line::quiet).reversed().thenComparing(Line::displayName,
                String.CASE_INSENSITIVE_ORDER));
        List<Ending> ending = new ArrayList<>();
        for (Grants.Grant grant : grants.ending(Duration.ofDays(90))) {
            Optional<MemberView> member = context.members().byId(grant.memberId());
            ending.add(new Ending(grant.id(), member.map(MemberView::username).orElse("?"),
                    member.map(MemberView::displayName).orElse("?"),
                    roles.find(grant.roleId()).map(RoleBook.RoleDef::name).orElse("?"), grant.endsAt()));
        }
        return new Report(List.copyOf(lines), ending, quietDays.get());
    }

    private List<String> roleNames(long memberId) {
        return grants.of(memberId).stream().map(g -> roles.find(g.roleId()).map(RoleBook.RoleDef::name).orElse("?"))
                .distinct().sorted().toList();
    }

    private static Counts counts(List<ActionLog.Action> mine, String kind, Instant now) {
        return new Counts(count(mine, kind, now, 7), count(mine, kind, now, 30), count(mine, kind, now, 90));
    }

    /** Actions of a kind in the last {@code days}; one per subject, so one queue item handled counts once. */
    private static int count(List<ActionLog.Action> mine, String kind, Instant now, int days) {
        Instant from = now.minus(Duration.ofDays(days));
        return (int) mine.stream().filter(a -> a.kind().equals(kind) && !a.at().isBefore(from))
                .map(ActionLog.Action::subject).distinct().count();
    }

    private static double medianWaitHours(List<ActionLog.Action> mine) {
        List<Long> waits = mine.stream().filter(a -> a.waitedSeconds() >= 0).map(ActionLog.Action::waitedSeconds)
                .sorted().toList();
        if (waits.isEmpty()) {
            return -1;
        }
        int middle = waits.size() / 2;
        double seconds = waits.size() % 2 == 1 ? waits.get(middle) : (waits.get(middle - 1) + waits.get(middle)) / 2.0;
        return Math.round(seconds / 360.0) / 10.0;
    }

    /** Outside 9:00-18:00 on weekdays, in the community's time zone. */
    static boolean afterHours(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        return weekend || local.getHour() < 9 || local.getHour() >= 18;
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(zone.get().strip());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
