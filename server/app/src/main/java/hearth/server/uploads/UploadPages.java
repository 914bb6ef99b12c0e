package hearth.server.uploads;

import hearth.api.errors.NotFound;
import hearth.server.accounts.Sessions;
import hearth.server.accounts.Viewer;
import hearth.server.web.Csrf;
import hearth.server.web.Forms;
import hearth.server.web.Json;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Image uploads for posts. {@code POST /uploads} takes a multipart form with the file in {@code image}: from the
 * composer (htmx) it answers with a short status and an {@code hearth:uploaded} event carrying the Markdown, which
 * the page inserts into the text; without JavaScript it shows a page with the Markdown to copy. {@code POST
 * /api/v1/uploads} takes the same form and answers {@code {"url", "markdown", "width", "height"}}. Images are served
 * at {@code /uploads/<sha256>.<ext>}, cached for a year and sandboxed.
 */
public final class UploadPages implements Routes {

    /** The form field that carries the file. */
    static final String FIELD = "image";
    private static final String YEAR = "public, max-age=31536000, immutable";

    private final ImageUploads uploads;
    private final Pages pages;

    public UploadPages(ImageUploads uploads, Pages pages) {
        this.uploads = uploads;
        this.pages = pages;
    }

    /** The requests whose bodies may be as large as an image (the site's usual limit is smaller). */
    public static boolean isUploadPath(String path) {
        return "/uploads".equals(path) || "/api/v1/uploads".equals(path);
    }

    /** The most bytes an upload request may have: the image plus room for the form around it. */
    public static long maxRequestBytes() {
        // Room for a little more than the image limit, so a slightly too large file reaches the handler and gets a
        // message with its size rather than the generic "too large".
        return PostImages.MAX_BYTES + 1024 * 1024;
    }

    @Override
    public void mount(Router router) {
        router.get("/uploads").handler(ctx -> {
            Viewer.required(ctx);
            pages.show(ctx, 200, "upload", Map.of("back", back(ctx.queryParam("back").stream().findFirst()
                    .orElse(""))));
        });
        router.post("/uploads").handler(this::fromForm);
        router.post("/api/v1/uploads").handler(this::fromApi);
        router.get("/uploads/:name").handler(this::serve);
    }

    private void fromForm(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        boolean htmx = ctx.request().getHeader("HX-Request") != null;
        String back = back(Forms.field(ctx, "back"));
        Optional<FileUpload> file = file(ctx);
        if (file.isEmpty()) {
            refuseOnPage(ctx, htmx, back, new UploadRefused(400, "Choose an image to upload."));
            return;
        }
        String alt = alt(file.get().fileName());
        uploads.upload(viewer, Path.of(file.get().uploadedFileName()))
                .onSuccess(stored -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("back", back);
                    model.put("uploaded", stored);
                    model.put("markdown", stored.markdown(alt));
                    if (htmx) {
                        ctx.response().putHeader("HX-Trigger", new JsonObject().put("hearth:uploaded",
                                new JsonObject().put("markdown", stored.markdown(alt))).encode());
                    }
                    pages.show(ctx, 200, htmx ? "upload-status" : "upload", model);
                })
                .onFailure(failure -> {
                    if (failure instanceof UploadRefused refused) {
                        refuseOnPage(ctx, htmx, back, refused);
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    private void refuseOnPage(RoutingContext ctx, boolean htmx, String back, UploadRefused refused) {
        pages.show(ctx, refused.status(), htmx ? "upload-status" : "upload",
                Map.of("back", back, "errors", Map.of(FIELD, refused.getMessage())));
    }

    private void fromApi(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Optional<FileUpload> file = file(ctx);
        if (file.isEmpty()) {
            refuseInJson(ctx, new UploadRefused(400, "Send the image as multipart/form-data in the field \""
                    + FIELD + "\"."));
            return;
        }
        String alt = alt(file.get().fileName());
        uploads.upload(viewer, Path.of(file.get().uploadedFileName()))
                .onSuccess(stored -> Json.send(ctx, 201, new JsonObject()
                        .put("url", stored.url())
                        .put("markdown", stored.markdown(alt))
                        .put("width", stored.width())
                        .put("height", stored.height())))
                .onFailure(failure -> {
                    if (failure instanceof UploadRefused refused) {
                        refuseInJson(ctx, refused);
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    private static void refuseInJson(RoutingContext ctx, UploadRefused refused) {
        Json.send(ctx, refused.status(), new JsonObject().put("error", refused.getMessage()).put("field", FIELD));
    }

    private void serve(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Path file = uploads.file(name).orElseThrow(UploadPages::noSuchImage);
        ctx.vertx().fileSystem().exists(file.toString())
                .onSuccess(exists -> {
                    if (!exists) {
                        ctx.fail(noSuchImage());
                        return;
                    }
                    // Shared caches may keep the answer for a year and give it to anyone: it must carry no
                    // cookie (a first visit would otherwise hand out its CSRF token with the image).
                    ctx.response().removeCookie(Csrf.COOKIE, false);
                    ctx.response().removeCookie(Sessions.COOKIE, false);
                    ctx.response()
                            .putHeader(HttpHeaders.CONTENT_TYPE, ImageUploads.contentTypeOf(
                                    name.substring(name.lastIndexOf('.') + 1)))
                            .putHeader(HttpHeaders.CACHE_CONTROL, YEAR)
                            .putHeader("X-Content-Type-Options", "nosniff")
                            // Opened on its own, the file is a document with no origin and no scripts.
                            .putHeader("Content-Security-Policy", "sandbox")
                            .sendFile(file.toString())
                            .onFailure(ctx::fail);
                })
                .onFailure(ctx::fail);
    }

    private static Optional<FileUpload> file(RoutingContext ctx) {
        return ctx.fileUploads().stream().filter(f -> f.name().equals(FIELD) && f.size() > 0).findFirst();
    }

    /** A description for the image from its file name ("Garden path.jpg" → "Garden path"), or "image". */
    static String alt(String fileName) {
        String name = fileName == null ? "" : fileName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        // Only letters, digits and a little punctuation: nothing that means something in Markdown or HTML.
        String cleaned = name.replaceAll("[^\\p{L}\\p{N} _,-]+", " ").replace('_', ' ').replaceAll("\\s+", " ")
                .strip();
        if (cleaned.length() > 80) {
            cleaned = cleaned.substring(0, 80).strip();
        }
        return cleaned.isEmpty() ? "image" : cleaned;
    }

    /** A same-site path to go back to after the no-JavaScript upload page, or none. */
    private static String back(String raw) {
        return raw != null && raw.startsWith("/") && !raw.startsWith("//") && !raw.contains("\\")
                && raw.length() <= 300 ? raw : "";
    }

    private static NotFound noSuchImage() {
        return new NotFound("There is no such image.");
    }
}
