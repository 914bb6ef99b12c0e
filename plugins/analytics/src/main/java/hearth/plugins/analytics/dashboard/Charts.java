package hearth.plugins.analytics.dashboard;

import hearth.api.web.Html;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Bar charts of a daily series as SVG, drawn on the server: no script, readable by screen readers (a title and a
 * description that states the total and the busiest day); the page puts the same numbers in a table beside it.
 */
final class Charts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 160;
    private static final int AXIS = 18;

    private Charts() {
    }

    /** One chart; {@code id} must be unique on the page. */
    static String bars(String id, String title, List<LocalDate> days, long[] values) {
        long max = 1;
        int busiest = 0;
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            total += values[i];
            if (values[i] > values[busiest]) {
                busiest = i;
            }
            max = Math.max(max, values[i]);
        }
        String description = days.isEmpty() ? "No days." : String.format(Locale.ROOT,
                "%d in all from %s to %s; the most, %d, on %s.", total, days.getFirst(), days.getLast(),
                values[busiest], days.get(busiest));
        StringBuilder svg = new StringBuilder(256 + values.length * 120);
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" id=\"%s\" role=\"img\" viewBox=\"0 0 %d %d\""
                        + " aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">%s</title>"
                        + "<desc id=\"%s-desc\">%s</desc>", id, WIDTH, HEIGHT + AXIS, id, id, id,
                escape(title), id, escape(description)));
        double slot = (double) WIDTH / Math.max(values.length, 1);
        double bar = Math.max(slot * 0.8, 1);
        for (int i = 0; i < values.length; i++) {
            double h = values[i] <= 0 ? 0 : (double) values[i] / max * (HEIGHT - 4);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                    + "<title>%s: %d</title></rect>", i * slot, HEIGHT - h, bar, h, days.get(i), values[i]));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", HEIGHT, WIDTH,
                HEIGHT));
        if (!days.isEmpty()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>"
                            + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", HEIGHT + AXIS - 4,
                    days.getFirst(), WIDTH, HEIGHT + AXIS - 4, days.getLast()));
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return Html.text(text).markup();
    }
}
