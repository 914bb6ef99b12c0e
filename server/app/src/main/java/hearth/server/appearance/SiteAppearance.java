package hearth.server.appearance;

import hearth.api.errors.InvalidInput;
import hearth.server.site.SiteSettings;
import hearth.server.site.SiteSettings.Key;
import hearth.server.web.SiteThemes;
import hearth.server.web.Templates;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The site's appearance as admins set it at run time: the active theme, the themes members may pick, brand colours,
 * font, custom CSS, logo and favicon. Stored as site settings (the database is the truth), held in memory for pages.
 */
public final class SiteAppearance {

    /** The most custom CSS an admin may add (what a site setting holds). */
    public static final int MAX_CSS = 2000;
    private static final Pattern STYLE_END = Pattern.compile("</\\s*style", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    /** {@code @import} of anything with a scheme or a network path: custom CSS must not load other sites' files. */
    private static final Pattern EXTERNAL_IMPORT = Pattern.compile(
            "@import\\s*(url\\s*\\(\\s*)?['\"]?\\s*([a-z][a-z0-9+.-]*:|//|\\\\)", Pattern.CASE_INSENSITIVE);

    /** How often a node reads the choices again, for changes made on other nodes. */
    public static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(10);
    private static final java.util.List<Key> KEYS = java.util.List.of(Key.SITE_THEME, Key.ENABLED_THEMES,
            Key.ACCENT_LIGHT, Key.ACCENT_DARK, Key.FONT, Key.CUSTOM_CSS, Key.LOGO, Key.FAVICON);

    /**
     * Templates a theme must compile before it may become the site's: a broken layout would leave admins without
     * the page to switch back.
     */
    private static final java.util.List<String> CORE_TEMPLATES = java.util.List.of("layout", "home", "topics",
            "error", "login", "admin-appearance");

    /** What an admin submits; a null part stays as it is. */
    public record Change(String theme, Set<String> enabled, String accentLight, String accentDark, String font,
                         String customCss) {
    }

    private final SiteSettings settings;
    private final SiteThemes themes;
    private final Templates templates;
    private final BrandImages images;
    private volatile Appearance current;

    public SiteAppearance(SiteSettings settings, SiteThemes themes, Templates templates, BrandImages images) {
        this.settings = settings;
        this.themes = themes;
        this.templates = templates;
        this.images = images;
        apply();
        themesChanged(); // at start, so no first page compiles the stored theme's templates on an event loop
    }

    /**
     * Reads the stored choices again (blocking; every {@link #REFRESH}), so what an admin changed on another node
     * shows here too. A theme that is not installed on this node is left out (the site's stays as it was).
     */
    public void refresh() {
        if (settings.refresh(KEYS)) {
            apply();
            themesChanged();
        }
    }

    private void apply() {
        String stored = settings.get(Key.SITE_THEME);
        if (!stored.isEmpty() && themes.problem(stored).isEmpty()) {
            themes.activate(stored);
        }
        themes.enable(names(settings.get(Key.ENABLED_THEMES)));
        this.current = read();
    }

    /** What pages show now. */
    public Appearance current() {
        return current;
    }

    /** The values as stored (for forms and the API), not just what is in force. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("theme", themes.active());
        values.put("enabledThemes", themes.enabled().stream().sorted().toList());
        values.put("accentLight", settings.get(Key.ACCENT_LIGHT));
        values.put("accentDark", settings.get(Key.ACCENT_DARK));
        values.put("font", settings.get(Key.FONT));
        values.put("customCss", settings.get(Key.CUSTOM_CSS));
        values.put("logo", current.logoUrl());
        values.put("favicon", current.faviconUrl());
        return values;
    }

    /**
     * Checks every part first and fails with a message per field ({@code theme}, {@code enabledThemes},
     * {@code accentLight}, {@code accentDark}, {@code font}, {@code customCss}); then stores them and puts them in
     * force. Blocks (compiles the chosen themes' templates): call it off the event loop.
     */
    public void change(Change change) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (change.theme() != null) {
            themes.problem(change.theme()).or(() -> templates.problem(change.theme(), CORE_TEMPLATES))
                    .ifPresent(p -> errors.put("theme", p));
        }
        if (change.enabled() != null) {
            change.enabled().stream().map(themes::problem).flatMap(Optional::stream).findFirst()
                    .ifPresent(p -> errors.put("enabledThemes", p));
        }
        String light = change.accentLight() == null ? null : change.accentLight().strip().toLowerCase(Locale.ROOT);
        String dark = change.accentDark() == null ? null : change.accentDark().strip().toLowerCase(Locale.ROOT);
        if (light != null) {
            Colors.problem(light, Colors.LIGHT_BACKGROUND, "light").ifPresent(p -> errors.put("accentLight", p));
        }
        if (dark != null) {
            Colors.problem(dark, Colors.DARK_BACKGROUND, "dark").ifPresent(p -> errors.put("accentDark", p));
        }
        if (change.font() != null && !Fonts.known(change.font())) {
            errors.put("font", "Choose one of the fonts listed.");
        }
        if (change.customCss() != null) {
            cssProblem(change.customCss()).ifPresent(p -> errors.put("customCss", p));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (change.theme() != null) {
            templates.prepare(change.theme());
            store(Key.SITE_THEME, change.theme());
            themes.activate(change.theme());
        }
        if (change.enabled() != null) {
            change.enabled().forEach(templates::prepare);
            store(Key.ENABLED_THEMES, String.join(",", change.enabled()));
            themes.enable(change.enabled());
        }
        if (light != null) {
            store(Key.ACCENT_LIGHT, light);
        }
        if (dark != null) {
            store(Key.ACCENT_DARK, dark);
        }
        if (change.font() != null) {
            store(Key.FONT, change.font());
        }
        if (change.customCss() != null) {
            store(Key.CUSTOM_CSS, change.customCss().strip());
        }
        current = read();
    }

    /** Stores an uploaded logo or favicon (checked by {@link BrandImages}); blocks. */
    public void image(BrandImages.Kind kind, java.nio.file.Path upload) {
        String file = images.store(kind, upload);
        store(kind == BrandImages.Kind.LOGO ? Key.LOGO : Key.FAVICON, file);
        current = read();
    }

    /** Goes back to the site name in text, or the theme's favicon. */
    public void removeImage(BrandImages.Kind kind) {
        store(kind == BrandImages.Kind.LOGO ? Key.LOGO : Key.FAVICON, "");
        current = read();
    }

    /**
     * After a theme was installed, replaced or deleted: builds the engines of the themes in use again here, off the
     * event loop, so no page compiles the new templates. Blocks.
     */
    public void themesChanged() {
        templates.prepare(themes.active());
        themes.enabled().forEach(templates::prepare);
    }

    /** After a theme was deleted: it is no longer offered to members. */
    public void themeRemoved(String name) {
        Set<String> enabled = new LinkedHashSet<>(themes.enabled());
        if (enabled.remove(name)) {
            store(Key.ENABLED_THEMES, String.join(",", enabled));
            themes.enable(enabled);
        }
    }

    static Optional<String> cssProblem(String css) {
        if (css.length() > MAX_CSS) {
            return Optional.of("Custom CSS can be at most " + MAX_CSS + " characters; this is " + css.length() + ".");
        }
        if (STYLE_END.matcher(css).find()) {
            return Optional.of("Custom CSS cannot contain </style.");
        }
        if (EXTERNAL_IMPORT.matcher(COMMENT.matcher(css).replaceAll("")).find()) {
            return Optional.of("Custom CSS cannot @import files from other sites; put the rules here instead.");
        }
        return Optional.empty();
    }

    private void store(Key key, String value) {
        settings.update(key, value).toCompletionStage().toCompletableFuture().join();
    }

    private Appearance read() {
        String light = settings.get(Key.ACCENT_LIGHT);
        String dark = settings.get(Key.ACCENT_DARK);
        String font = settings.get(Key.FONT);
        return new Appearance(light.isEmpty() ? null : light, dark.isEmpty() ? null : dark,
                Fonts.known(font) ? font : Fonts.THEME, settings.get(Key.CUSTOM_CSS),
                images.url(settings.get(Key.LOGO)), images.url(settings.get(Key.FAVICON)));
    }

    private static Set<String> names(String stored) {
        return Arrays.stream(stored.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
