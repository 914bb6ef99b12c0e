package hearth.server.appearance;

import java.util.Locale;
import java.util.Optional;

/** Checks brand colours: the #rrggbb form, and enough contrast for text in that colour (WCAG 2 AA, 4.5:1). */
final class Colors {

    /** The default theme's page backgrounds, which links in the accent colour sit on. */
    static final String LIGHT_BACKGROUND = "#fbfaf8";
    static final String DARK_BACKGROUND = "#16181c";
    static final double AA = 4.5;

    private Colors() {
    }

    /** Why {@code typed} cannot be the accent on {@code background}, if it cannot; empty input is fine (no colour). */
    static Optional<String> problem(String typed, String background, String mode) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (!typed.matches("#[0-9a-fA-F]{6}")) {
            return Optional.of("Enter a colour as # and six hex digits, e.g. #c2410c.");
        }
        double ratio = contrast(typed, background);
        if (ratio < AA) {
            return Optional.of(String.format(Locale.ROOT, "This colour has a contrast of %.2f:1 with the %s "
                    + "background (%s); links need at least 4.5:1 to be readable. Choose a %s colour.", ratio, mode,
                    background, "light".equals(mode) ? "darker" : "lighter"));
        }
        return Optional.empty();
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
