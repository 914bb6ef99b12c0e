package hearth.server.accounts;

import hearth.api.errors.NotFound;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Map;

/** {@code /account/avatar} to change one's picture, {@code /u/{username}/avatar} to show anyone's. */
public final class AvatarPages implements Routes {

    private final Avatars avatars;
    private final Pages pages;

    public AvatarPages(Avatars avatars, Pages pages) {
        this.avatars = avatars;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/account/avatar").handler(ctx -> {
            Viewer.required(ctx);
            pages.show(ctx, 200, "avatar", Map.of());
        });
        router.post("/account/avatar").handler(this::upload);
        router.get("/u/:username/avatar").handler(this::show);
    }

    private void upload(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("avatar")).findFirst().orElse(null);
        if (file == null || file.size() == 0) {
            refuse(ctx, "Choose a picture to upload.");
            return;
        }
        avatars.upload(viewer.memberId(), Path.of(file.uploadedFileName()))
                .onSuccess(done -> Pages.redirect(ctx, "/account/avatar"))
                .onFailure(failure -> {
                    if (failure instanceof AvatarRefused refused) {
                        refuse(ctx, refused.getMessage());
                    } else {
                        ctx.fail(failure);
                    }
                });
    }

    private void refuse(RoutingContext ctx, String message) {
        pages.show(ctx, 400, "avatar", Map.of("errors", Map.of("avatar", message)));
    }

    private void show(RoutingContext ctx) {
        boolean small = "small".equals(ctx.request().getParam("size"));
        avatars.picture(ctx.pathParam("username"), small, Viewer.of(ctx).orElse(null))
                .map(found -> found.orElseThrow(() -> new NotFound("There is no such member.")))
                .onSuccess(picture -> send(ctx, picture))
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, Avatars.Picture picture) {
        // Private: what a request sees depends on who asks (private profiles), so shared caches must not keep it.
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=300");
        switch (picture) {
            case Avatars.Picture.Stored stored -> ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, stored.contentType())
                    .sendFile(stored.file().toString())
                    .onFailure(ctx::fail);
            case Avatars.Picture.Initials initials -> ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "image/svg+xml")
                    .end(initials.svg());
        }
    }
}
