package hearth.server.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI description of {@code /api/v1}, bundled in the jar. */
public final class ApiDocument implements Routes {

    public static final String PATH = "/api/v1/openapi.yaml";
    private final Buffer document;

    public ApiDocument() {
        try (InputStream in = ApiDocument.class.getResourceAsStream("/hearth/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("hearth/openapi.yaml is missing from the build");
            }
            this.document = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void mount(Router router) {
        router.get(PATH).handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(document));
    }
}
