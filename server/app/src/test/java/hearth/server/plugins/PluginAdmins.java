package hearth.server.plugins;


import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** What plugin tests do through the admin pages: sign up, upload jars, press the buttons. */
final class PluginAdmins {

    private PluginAdmins() {
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

}
