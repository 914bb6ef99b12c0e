package hearth.server.profiles;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import hearth.server.web.Csrf;
import hearth.server.accounts.Sessions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** JSON calls to the API as a browser's script makes them: its cookies, and the CSRF token as a header on writes. */
final class Api {

    private final TestSite site;
    private final Browser browser;

    /** Calls as the browser's session; null for an anonymous client without cookies. */
    Api(TestSite site, Browser browser) {
        this.site = site;
        this.browser = browser;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, true);
    }

    HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, json, true);
    }

    HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json, true);
    }

    /** A write without the CSRF header, as a forged cross-site request would come. */
    HttpResponse<String> patchWithoutToken(String path, String json) {
        return send("PATCH", path, json, false);
    }

    static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    private HttpResponse<String> send(String method, String path, String json, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(site.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (browser != null) {
            List<String> cookies = new ArrayList<>();
            browser.cookie(Sessions.COOKIE).ifPresent(c -> cookies.add(c.getName() + "=" + c.getValue()));
            browser.cookie(Csrf.COOKIE).ifPresent(c -> {
                cookies.add(c.getName() + "=" + c.getValue());
                if (withToken) {
                    request.header(Csrf.HEADER, c.getValue());
                }
            });
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies));
            }
        }
        try {
            return site.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
