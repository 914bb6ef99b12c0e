package hearth.server.profiles;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** A member's preferences: email frequency per notification kind, theme, time zone, and whom they ignore. */
public record Preferences(Map<NotificationKind, EmailFrequency> email, ThemeChoice theme, String timeZone,
                          List<IgnoredMember> ignored) {

    /** A member someone ignores. */
    public record IgnoredMember(long id, String username) {
    }

    public Preferences {
        email = Map.copyOf(email);
        ignored = List.copyOf(ignored);
    }

    public JsonObject toJson() {
        JsonObject emails = new JsonObject();
        for (NotificationKind kind : NotificationKind.values()) {
            emails.put(kind.key(), email.get(kind).key());
        }
        JsonArray people = new JsonArray();
        ignored.forEach(m -> people.add(new JsonObject().put("id", m.id()).put("username", m.username())));
        return new JsonObject().put("email", emails).put("theme", theme.key()).put("timeZone", timeZone)
                .put("ignored", people);
    }
}
