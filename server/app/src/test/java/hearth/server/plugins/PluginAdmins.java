package hearth.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What plugin tests do through the admin pages: sign up, upload jars, press the buttons. */
final class PluginAdmins {

    static final String PASSWORD = "compost-heap-42";

    private PluginAdmins() {
    }

    /** Signs up through the page; on a site without demo content the first member is its admin. */
    static Browser signUp(TestSite site, String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/signup", "/signup", Map.of("username", username,
                "email", username.toLowerCase(Locale.ROOT) + "@example.org", "password", PASSWORD, "terms", "yes"));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }

    static Browser logIn(TestSite site, String username) {
        Browser browser = new Browser(site);
        HttpResponse<String> response = browser.submit("/login", "/login",
                Map.of("identifier", username, "password", PASSWORD));
        assertEquals(303, response.statusCode(), response.body());
        return browser;
    }

    static HttpResponse<String> install(Browser admin, byte[] jar) {
        return admin.upload("/admin/plugins", "/admin/plugins", "jar", "plugin.jar", "application/java-archive", jar);
    }

    static HttpResponse<String> upgrade(Browser admin, String id, byte[] jar) {
        return admin.upload("/admin/plugins/" + id, "/admin/plugins/" + id + "/upgrade", "jar", "plugin.jar",
                "application/java-archive", jar);
    }

    static HttpResponse<String> press(Browser admin, String id, String action) {
        return admin.submit("/admin/plugins/" + id, "/admin/plugins/" + id + "/" + action, Map.of());
    }

    static HttpResponse<String> uninstall(Browser admin, String id, String data) {
        return admin.submit("/admin/plugins/" + id, "/admin/plugins/" + id + "/uninstall", Map.of("data", data));
    }

    static boolean tableExists(TestSite site, String table) throws SQLException {
        try (Connection connection = site.database().connect();
             ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                     "%", null)) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
