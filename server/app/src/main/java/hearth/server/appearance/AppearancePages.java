package hearth.server.appearance;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import hearth.server.web.SiteThemes;
import io.vertx.core.Future;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code /admin/appearance}: the site's theme and the ones members may pick, brand colours, font, custom CSS, logo
 * and favicon, and installing or deleting themes. Every change applies at once, without a restart.
 */
public final class AppearancePages implements Routes {

    static final String REFUSAL = "Only admins can change the site's appearance.";
    private static final String PAGE = "/admin/appearance";

    private final SiteAppearance appearance;
    private final SiteThemes themes;
    private final ThemeInstaller installer;
    private final Pages pages;

    public AppearancePages(SiteAppearance appearance, SiteThemes themes, ThemeInstaller installer, Pages pages) {
        this.appearance = appearance;
        this.themes = themes;
        this.installer = installer;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get(PAGE).handler(ctx -> {
            admin(ctx);
            String done = ctx.request().getParam("done");
            blocking(ctx, () -> model(null, done)).onSuccess(m -> pages.show(ctx, 200, "admin-appearance", m))
                    .onFailure(ctx::fail);
        });
        router.post(PAGE).handler(this::save);
        router.post(PAGE + "/logo").handler(ctx -> image(ctx, BrandImages.Kind.LOGO));
        router.post(PAGE + "/favicon").handler(ctx -> image(ctx, BrandImages.Kind.FAVICON));
        router.post(PAGE + "/themes").handler(this::install);
        router.post(PAGE + "/themes/:name/delete").handler(ctx -> {
            admin(ctx);
            String name = ctx.pathParam("name");
            blocking(ctx, () -> {
                installer.delete(name);
                appearance.themeRemoved(name);
                appearance.themesChanged();
                return name;
            }).onSuccess(done -> Pages.redirect(ctx, PAGE + "?done=deleted")).onFailure(ctx::fail);
        });
    }

    private void save(RoutingContext ctx) {
        admin(ctx);
        Map<String, String> typed = new HashMap<>();
        for (String field : List.of("theme", "accentLight", "accentDark", "font", "customCss")) {
            typed.put(field, ctx.request().getFormAttribute(field));
        }
        Set<String> enabled = new LinkedHashSet<>(ctx.request().formAttributes().getAll("enabledThemes"));
        SiteAppearance.Change change = new SiteAppearance.Change(typed.get("theme"), enabled,
                orEmpty(typed.get("accentLight")), orEmpty(typed.get("accentDark")), typed.get("font"),
                orEmpty(typed.get("customCss")));
        blocking(ctx, () -> {
            appearance.change(change);
            return change;
        }).onSuccess(done -> Pages.redirect(ctx, PAGE + "?done=saved"))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, typed, enabled, invalid)));
    }

    private void image(RoutingContext ctx, BrandImages.Kind kind) {
        admin(ctx);
        boolean remove = "yes".equals(ctx.request().getFormAttribute("remove"));
        FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals(kind.field())).findFirst()
                .orElse(null);
        blocking(ctx, () -> {
            if (remove) {
                appearance.removeImage(kind);
            } else if (file == null) {
                throw new InvalidInput(kind.field(), "Choose an image to upload.");
            } else {
                appearance.image(kind, Path.of(file.uploadedFileName()));
            }
            return kind;
        }).onSuccess(done -> Pages.redirect(ctx, PAGE + "?done=" + kind.field()))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, null, null, invalid)));
    }

    private void install(RoutingContext ctx) {
        admin(ctx);
        FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals(ThemeZip.FIELD)).findFirst()
                .orElse(null);
        blocking(ctx, () -> {
            if (file == null) {
                throw new InvalidInput(ThemeZip.FIELD, "Choose the theme's .zip file to upload.");
            }
            ThemeZip.Checked theme = installer.install(Path.of(file.uploadedFileName()));
            appearance.themesChanged();
            return theme;
        }).onSuccess(theme -> Pages.redirect(ctx, PAGE + "?done=installed"))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, null, null, invalid)));
    }

    private void showAgain(RoutingContext ctx, Map<String, String> typed, Set<String> enabled, InvalidInput invalid) {
        blocking(ctx, () -> {
            Map<String, Object> model = model(typed, null);
            if (enabled != null) {
                model.put("enabledThemes", List.copyOf(enabled));
            }
            return model;
        }).onSuccess(model -> pages.showErrors(ctx, "admin-appearance", model, invalid)).onFailure(ctx::fail);
    }

    /** The form's model; {@code typed} (the form as sent) overrides the stored values when shown again. */
    private Map<String, Object> model(Map<String, String> typed, String done) {
        Map<String, Object> model = new HashMap<>(appearance.values());
        if (typed != null) {
            typed.forEach((field, value) -> {
                if (value != null) {
                    model.put(field, value);
                }
            });
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (SiteThemes.Available theme : themes.available()) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", theme.name());
            row.put("version", theme.version());
            row.put("parent", theme.parent());
            row.put("bundled", theme.bundled());
            row.put("active", theme.name().equals(themes.active()));
            list.add(row);
        }
        model.put("themes", list);
        model.put("fonts", Fonts.LABELS);
        model.put("done", done == null ? "" : done);
        model.put("maxCss", SiteAppearance.MAX_CSS);
        model.put("maxZipMiB", ThemeZip.MAX_BYTES / (1024 * 1024));
        return model;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        return ctx.vertx().executeBlocking(work, false);
    }

    private static void admin(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
    }
}
