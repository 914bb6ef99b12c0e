package hearth.server.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import java.net.http.HttpResponse;
import java.util.Map;

/** Category moderators for tests, appointed as an admin does it: on the plugin's admin page. */
final class CategoryModerators {

    private CategoryModerators() {
    }

    static void appoint(Browser admin, String username, long categoryId) {
        HttpResponse<String> appointed = admin.submit("/admin/x/moderation/", "/admin/x/moderation/category-moderators",
                Map.of("username", username, "categoryId", String.valueOf(categoryId)));
        assertEquals(303, appointed.statusCode(), appointed.body());
    }
}
