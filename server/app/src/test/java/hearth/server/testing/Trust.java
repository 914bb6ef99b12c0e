package hearth.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

/** Trust-level settings of the bundled volunteer-roles plugin, for tests about other things. */
public final class Trust {

    private Trust() {
    }

    /**
     * Lets members flag from their first day: by default flagging needs trust level 1, which fresh test accounts
     * have not earned.
     */
    public static void letNewcomersFlag(Browser admin) {
        HttpResponse<String> saved = admin.json("PUT", "/api/v1/admin/plugins/volunteer-roles/settings",
                "{\"flag-level\": 0}");
        assertEquals(200, saved.statusCode(), saved.body());
    }

    /** Gives a member a trust level, locked, as if their activity had earned it (fresh accounts are at level 0). */
    public static void setLevel(Browser admin, String username, int level) {
        HttpResponse<String> saved = admin.json("POST", "/api/v1/x/volunteer-roles/trust/" + username,
                "{\"level\": " + level + ", \"locked\": true, \"reason\": \"Set up by the test\"}");
        assertEquals(200, saved.statusCode(), saved.body());
    }
}
