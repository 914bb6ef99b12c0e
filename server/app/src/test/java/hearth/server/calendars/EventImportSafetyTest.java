package hearth.server.calendars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.Sql;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without {@code import-private-addresses}, an import never fetches from this machine or a private network. */
class EventImportSafetyTest {

    @TempDir
    static Path dataDir;
    static TestSite site;
    static Browser admin;
    static long category;

    @BeforeAll
    static void start() {
        site = TestSite.start(dataDir, "--no-demo");
        admin = Members.signUp(site, "Founder");
        category = new CalendarFixtures(site.database()).category(admin, "Imported", "everyone");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void loopbackAndPrivateAddressesAreRefused() throws Exception {
        for (String url : new String[] {"http://127.0.0.1:" + site.port() + "/events/calendar.ics",
                "http://localhost:" + site.port() + "/", "http://10.1.2.3/cal.ics", "http://192.168.0.1/cal.ics",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]/cal.ics", "http://[fd00::1]/cal.ics",
                "http://0.0.0.0/cal.ics"}) {
            HttpResponse<String> refused = admin.submit("/admin/events/import", "/admin/events/import",
                    Map.of("category", String.valueOf(category), "url", url));
            assertEquals(400, refused.statusCode(), url);
            assertTrue(refused.body().contains("The address points into a private network"), url + ": "
                    + refused.body());
        }
        HttpResponse<String> file = admin.submit("/admin/events/import", "/admin/events/import",
                Map.of("category", String.valueOf(category), "url", "file:///etc/passwd"));
        assertEquals(400, file.statusCode());
        assertTrue(file.body().contains("Give an http:// or https:// address."));
        HttpResponse<String> credentials = admin.submit("/admin/events/import", "/admin/events/import",
                Map.of("category", String.valueOf(category), "url", "http://user:secret@example.org/cal.ics"));
        assertTrue(credentials.body().contains("Leave the user name and password out of the address."));
        assertEquals(0, Sql.number(site.database(), "SELECT COUNT(*) FROM events"));
    }
}
