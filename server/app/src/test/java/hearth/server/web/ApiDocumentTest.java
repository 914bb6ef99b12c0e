package hearth.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hearth.server.testing.Browser;
import hearth.server.testing.Members;
import hearth.server.testing.TestSite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI file describes exactly the API the server has: no route missing, none invented. */
class ApiDocumentTest {

    @TempDir
    Path dataDir;

    @Test
    void everyApiRouteIsDocumentedAndEveryDocumentedRouteExists() {
        try (TestSite site = TestSite.start(dataDir, "--no-demo")) {
            // search-lucene and gamification ship off: switched on here so their routes are checked too.
            Browser admin = Members.signUp(site, "Founder");
            for (String off : List.of("search-lucene", "gamification")) {
                assertEquals(303, admin.submit("/admin/plugins/" + off, "/admin/plugins/" + off + "/enable",
                        Map.of()).statusCode());
            }
            HttpResponse<String> response = site.get(ApiDocument.PATH);
            assertEquals(200, response.statusCode());
            Map<String, Object> document = new Yaml().load(response.body());
            assertEquals("3.1.0", document.get("openapi"));
            Set<String> documented = new TreeSet<>();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
            paths.forEach((path, operations) -> operations.keySet().forEach(method ->
                    documented.add(method.toUpperCase() + " " + path)));
            Set<String> served = new TreeSet<>();
            site.routes().stream().filter(r -> r.contains(" /api/v1/")).forEach(served::add);
            // The bundled plugins' JSON routes, served under /api/v1/x/<plugin>/.
            for (String plugin : List.of("moderation", "volunteer-roles", "welcome-banner", "search-lucene",
                    "gamification", "analytics")) {
                site.plugins().active(plugin).orElseThrow().contribution().pages().stream()
                        .filter(route -> route.pattern().startsWith("/api/"))
                        .forEach(route -> served.add(route.method() + " /api/v1/x/" + plugin
                                + route.pattern().substring("/api".length()).replaceAll(":(\\w+)", "{$1}")));
            }
            assertEquals(served, documented);
        }
    }
}
