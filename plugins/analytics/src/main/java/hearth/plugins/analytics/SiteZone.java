package hearth.plugins.analytics;

import hearth.api.settings.Setting;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** The site's time zone as an admin set it; days start at its midnight. */
public final class SiteZone {

    private final Setting<String> setting;

    public SiteZone(Setting<String> setting) {
        this.setting = setting;
    }

    /** The zone the setting names, or UTC while it names none. */
    public ZoneId wanted() {
        try {
            return ZoneId.of(setting.get().strip());
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** What is wrong with the setting, for the dashboard; empty when it names a zone. */
    public Optional<String> problem() {
        try {
            ZoneId.of(setting.get().strip());
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("The time zone setting \"" + setting.get() + "\" is not a time zone (e.g."
                    + " Europe/Berlin); days are counted in UTC until it is corrected.");
        }
    }
}
