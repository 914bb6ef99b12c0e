package hearth.server.appearance;

import java.util.Objects;

/**
 * How the site looks beyond its theme, as the layout reads it: accent colours, a font, custom CSS, logo and favicon.
 * Every value was checked on the way in, so {@link #css} can go into a {@code <style>} element as it is.
 *
 * @param accentLight #rrggbb or null for the theme's
 * @param accentDark  #rrggbb or null for the theme's
 * @param font        a key of {@link Fonts}
 * @param logoUrl     the logo's versioned address, or null
 * @param faviconUrl  the favicon's versioned address, or null
 */
public record Appearance(String accentLight, String accentDark, String font, String customCss, String logoUrl,
                         String faviconUrl) {

    public static final Appearance THEMES_OWN = new Appearance(null, null, Fonts.THEME, "", null, null);

    /** Whether the layout needs a {@code <style>} element at all (most sites add nothing). */
    public boolean styled() {
        return !css().isEmpty();
    }

    /**
     * The custom properties the default theme's CSS reads, for light and dark mode, the way its own stylesheet sets
     * them (system preference, then a member's explicit choice), followed by the admin's CSS.
     */
    public String css() {
        StringBuilder css = new StringBuilder();
        if (accentLight != null) {
            css.append(mode("light", "dark", accentLight));
        }
        if (accentDark != null) {
            css.append(mode("dark", "light", accentDark));
        }
        Fonts.stack(font).ifPresent(stack -> css.append("body{font-family:").append(stack).append("}"));
        if (!customCss.isBlank()) {
            css.append('\n').append(customCss);
        }
        return css.toString();
    }

    /** The accent for one mode: chosen by the member ({@code data-theme}), or by the system when they left it. */
    private static String mode(String mode, String other, String accent) {
        return ":root[data-theme=" + mode + "]{--accent:" + accent + "}@media (prefers-color-scheme: " + mode
                + "){:root:not([data-theme=" + other + "]){--accent:" + accent + "}}";
    }

    /** Short, so page-cache keys (which include the page globals) stay short; changes with any value. */
    @Override
    public String toString() {
        return "Appearance@" + Integer.toHexString(Objects.hash(accentLight, accentDark, font, customCss, logoUrl,
                faviconUrl));
    }
}
