package hearth.server.events;

import hearth.api.errors.InvalidInput;
import java.util.Locale;

/** Who sees an event: everyone who sees its category, signed-in members only, or invitees only. */
public enum Visibility {
    PUBLIC, MEMBERS, INVITE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility parse(String key) {
        String typed = key == null || key.isBlank() ? "public" : key.strip().toLowerCase(Locale.ROOT);
        for (Visibility v : values()) {
            if (v.key().equals(typed)) {
                return v;
            }
        }
        throw new InvalidInput("visibility", "Choose public, members or invite.");
    }
}
