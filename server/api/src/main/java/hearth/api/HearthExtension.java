package hearth.api;

import org.pf4j.ExtensionPoint;

/**
 * A plugin's manifest: the one class (annotated {@code @org.pf4j.Extension}) whose {@link #contribute} lists
 * everything the plugin adds to the site, readable in one place. The server calls it each time the plugin starts
 * (enable, upgrade, server start); contributions last until the plugin stops.
 *
 * <pre>{@code
 * @Extension
 * public final class WelcomeBanner implements HearthExtension {
 *     public void contribute(Contributions site) {
 *         Setting<String> text = site.settings().text("message", "Banner text", "Welcome!", 200);
 *         site.slot(Slots.NAV_MAIN, context -> Html.text(text.get()));
 *     }
 * }
 * }</pre>
 */
public interface HearthExtension extends ExtensionPoint {

    /**
     * Declares the plugin's contributions. It should only declare: no I/O, no threads. Throwing marks the plugin
     * FAILED and the site goes on without it.
     */
    void contribute(Contributions site);
}
