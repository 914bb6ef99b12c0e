package hearth.plugins.analytics.report;

import hearth.plugins.analytics.metrics.Metrics;
import java.util.Locale;

/** The weekly report's plain text: each headline number, the week before's, and the change in percent. */
final class ReportText {

    private ReportText() {
    }

    static String of(String week, Metrics.Summary current, Metrics.Summary previous, String dashboard) {
        StringBuilder text = new StringBuilder();
        text.append("Your community in week ").append(week).append(" (").append(current.from()).append(" to ")
                .append(current.to()).append("), against the week before (").append(previous.from()).append(" to ")
                .append(previous.to()).append("):\n\n");
        line(text, "Active members", current.activeMembers(), previous.activeMembers());
        line(text, "New members", current.newMembers(), previous.newMembers());
        line(text, "Posts", current.posts(), previous.posts());
        text.append(row("Response rate (24 h)", percent(current.responseRate()), percent(previous.responseRate()),
                Metrics.change(previous.responseRate(), current.responseRate())));
        text.append(row("Median first response", duration(current.medianFirstResponseMinutes()),
                duration(previous.medianFirstResponseMinutes()),
                current.medianFirstResponseMinutes() == null || previous.medianFirstResponseMinutes() == null ? null
                        : Metrics.change(previous.medianFirstResponseMinutes(), current.medianFirstResponseMinutes())));
        line(text, "Unanswered topics", current.unanswered(), previous.unanswered());
        line(text, "Flags", current.flags(), previous.flags());
        line(text, "Page views", current.pageViews(), previous.pageViews());
        text.append("\nEvery number, day by day, on the dashboard:\n").append(dashboard).append('\n');
        return text.toString();
    }

    private static void line(StringBuilder text, String name, long now, long before) {
        text.append(row(name, Long.toString(now), Long.toString(before), Metrics.change(before, now)));
    }

    private static String row(String name, String now, String before, Double change) {
        return String.format(Locale.ROOT, "%-22s %10s   (week before: %s, %s)\n", name + ":", now, before,
                change(change));
    }

    /** Signed, one decimal; "no comparison" when the week before had nothing to compare with. */
    static String change(Double change) {
        if (change == null) {
            return "no comparison";
        }
        return String.format(Locale.ROOT, "%s%.1f %%", change > 0 ? "+" : change == 0 ? "±" : "", change);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate);
    }

    private static String duration(Long minutes) {
        if (minutes == null) {
            return "none";
        }
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
