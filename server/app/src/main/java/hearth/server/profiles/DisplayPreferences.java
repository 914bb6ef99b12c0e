package hearth.server.profiles;

import hearth.server.accounts.Viewer;
import hearth.server.profiles.MemberPreferences.Display;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches the logged-in member's theme and time zone to the request, for every page: the layout puts the theme on
 * {@code <html data-theme>}, templates show times in the zone. Runs after authentication. Visitors get the theme
 * they chose with the header's switch (a cookie), and UTC. Preferences are cosmetic,
 * so if they cannot be loaded the page renders with the defaults rather than failing.
 */
public final class DisplayPreferences implements Handler<RoutingContext> {

    private static final Logger log = LoggerFactory.getLogger(DisplayPreferences.class);
    private static final String KEY = "displayPreferences";

    private final MemberPreferences preferences;

    public DisplayPreferences(MemberPreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Viewer viewer = Viewer.of(ctx).orElse(null);
        if (viewer == null) {
            // A visitor's choice from the header's switch; shared pages are kept per theme (it is a page global).
            var cookie = ctx.request().getCookie(ThemeSwitch.COOKIE);
            if (cookie != null) {
                ThemeChoice.parse(cookie.getValue())
                        .ifPresent(theme -> ctx.put(KEY, new Display(theme, Display.DEFAULT.zone(), null)));
            }
            ctx.next();
            return;
        }
        preferences.display(viewer.memberId()).onComplete(loaded -> {
            if (loaded.succeeded()) {
                ctx.put(KEY, loaded.result());
            } else {
                log.warn("Display preferences of member {} unavailable, using defaults: {}", viewer.memberId(),
                        loaded.cause().toString());
            }
            ctx.next();
        });
    }

    public static Display of(RoutingContext ctx) {
        Display display = ctx.get(KEY);
        return display == null ? Display.DEFAULT : display;
    }

    /** What templates get: {@code theme} (light, dark, auto) and {@code zone} (a time zone id for dates). */
    public static Map<String, Object> globals(RoutingContext ctx) {
        Display display = of(ctx);
        return Map.of("theme", display.theme().key(), "zone", display.zone().getId());
    }
}
