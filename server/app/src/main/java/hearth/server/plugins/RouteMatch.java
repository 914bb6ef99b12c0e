package hearth.server.plugins;

import hearth.api.web.PageHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A plugin route that answers a request, and the values of its {@code :name} path segments. */
public record RouteMatch(Owned<PageHandler> handler, Map<String, String> params) {

    /** Matches {@code path} against {@code pattern} segment by segment; a trailing slash does not matter. */
    static Optional<Map<String, String>> match(String pattern, String path) {
        String[] want = trim(pattern).split("/", -1);
        String[] have = trim(path).split("/", -1);
        if (want.length != have.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith(":") && !have[i].isEmpty()) {
                params.put(want[i].substring(1), have[i]);
            } else if (!want[i].equals(have[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(params));
    }

    private static String trim(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
