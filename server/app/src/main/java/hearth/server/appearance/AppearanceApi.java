package hearth.server.appearance;

import static hearth.server.appearance.AppearancePages.blocking;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.web.Json;
import hearth.server.web.Routes;
import hearth.server.web.SiteThemes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The appearance admin as JSON: {@code /api/v1/admin/appearance} (read, change) and {@code /api/v1/admin/themes}
 * (list, install a zip, delete), for scripts with an admin-scope API key.
 */
public final class AppearanceApi implements Routes {

    private static final String APPEARANCE = "/api/v1/admin/appearance";
    private static final String THEMES = "/api/v1/admin/themes";

    private final SiteAppearance appearance;
    private final SiteThemes themes;
    private final ThemeInstaller installer;

    public AppearanceApi(SiteAppearance appearance, SiteThemes themes, ThemeInstaller installer) {
        this.appearance = appearance;
        this.themes = themes;
        this.installer = installer;
    }

    @Override
    public void mount(Router router) {
        router.get(APPEARANCE).handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, this::appearanceJson));
        });
        router.put(APPEARANCE).handler(this::change);
        router.get(THEMES).handler(ctx -> {
            admin(ctx);
            Json.respond(ctx, 200, blocking(ctx, () -> new JsonObject().put("themes", themesJson())));
        });
        router.post(THEMES).handler(ctx -> {
            admin(ctx);
            FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals(ThemeZip.FIELD)).findFirst()
                    .orElseThrow(() -> new InvalidInput(ThemeZip.FIELD, "Send the theme's .zip file as the form "
                            + "field zip (multipart/form-data)."));
            Json.respond(ctx, 201, blocking(ctx, () -> {
                ThemeZip.Checked theme = installer.install(Path.of(file.uploadedFileName()));
                appearance.themesChanged();
                return new JsonObject().put("name", theme.name()).put("version", theme.version())
                        .put("parent", theme.parent());
            }));
        });
        router.delete(THEMES + "/:name").handler(ctx -> {
            admin(ctx);
            String name = ctx.pathParam("name");
            blocking(ctx, () -> {
                installer.delete(name);
                appearance.themeRemoved(name);
                appearance.themesChanged();
                return name;
            }).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
        });
    }

    private void change(RoutingContext ctx) {
        admin(ctx);
        JsonObject body = Json.body(ctx);
        Set<String> enabled = null;
        if (body.getValue("enabledThemes") != null) {
            if (!(body.getValue("enabledThemes") instanceof JsonArray list)) {
                throw new InvalidInput("enabledThemes", "Give a list of theme names.");
            }
            enabled = new LinkedHashSet<>();
            for (Object name : list) {
                enabled.add(String.valueOf(name));
            }
        }
        SiteAppearance.Change change = new SiteAppearance.Change(text(body, "theme"), enabled,
                text(body, "accentLight"), text(body, "accentDark"), text(body, "font"), text(body, "customCss"));
        Json.respond(ctx, 200, blocking(ctx, () -> {
            appearance.change(change);
            return appearanceJson();
        }));
    }

    private JsonObject appearanceJson() {
        return new JsonObject(appearance.values()).put("themes", themesJson());
    }

    private JsonArray themesJson() {
        JsonArray list = new JsonArray();
        for (SiteThemes.Available theme : themes.available()) {
            list.add(new JsonObject().put("name", theme.name()).put("version", theme.version())
                    .put("parent", theme.parent()).put("bundled", theme.bundled())
                    .put("active", theme.name().equals(themes.active()))
                    .put("enabled", themes.enabled().contains(theme.name())));
        }
        return list;
    }

    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidInput(field, "Give " + field + " as a string.");
        }
        return (String) value;
    }

    private static void admin(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, AppearancePages.REFUSAL);
    }
}
