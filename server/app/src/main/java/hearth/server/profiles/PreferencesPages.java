package hearth.server.profiles;

import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.SiteThemes;
import hearth.api.errors.InvalidInput;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** {@code /account/preferences}: email frequencies, theme, time zone, and the members one ignores. */
public final class PreferencesPages implements Routes {

    private static final Map<NotificationKind, String> KIND_LABELS = Map.of(
            NotificationKind.REPLIES, "Replies to your posts",
            NotificationKind.MENTIONS, "Mentions of you",
            NotificationKind.MESSAGES, "Private messages",
            NotificationKind.OTHER, "Likes, reminders and other notifications",
            NotificationKind.DIGEST, "Popular topics while you are away");

    private final Database db;
    private final Pages pages;
    private final MemberPreferences preferences;
    private final ProfileCaches caches;

    private final SiteThemes siteThemes;

    public PreferencesPages(Database db, Pages pages, MemberPreferences preferences, ProfileCaches caches,
                            SiteThemes siteThemes) {
        this.siteThemes = siteThemes;
        this.db = db;
        this.pages = pages;
        this.preferences = preferences;
        this.caches = caches;
    }

    @Override
    public void mount(Router router) {
        router.get("/account/preferences").handler(this::show);
        router.post("/account/preferences").handler(this::save);
        router.post("/account/preferences/ignored").handler(this::ignore);
        router.post("/account/preferences/ignored/:id/remove").handler(this::unignore);
    }

    private void show(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        boolean saved = "1".equals(ctx.request().getParam("saved"));
        pages.respond(ctx, "preferences", db.read(sql -> {
            Map<String, Object> model = model(sql, viewer, null);
            model.put("saved", saved);
            return model;
        }));
    }

    private void save(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        Map<String, String> email = new LinkedHashMap<>();
        Map<String, String> submitted = new HashMap<>();
        for (NotificationKind kind : NotificationKind.values()) {
            String value = ctx.request().getFormAttribute(kind.inputName());
            if (value != null) {
                email.put(kind.key(), value);
                submitted.put(kind.inputName(), value);
            }
        }
        String theme = ctx.request().getFormAttribute("theme");
        String timeZone = ctx.request().getFormAttribute("timeZone");
        submitted.put("theme", theme);
        submitted.put("timeZone", timeZone);
        // Left out (no themes to pick from, or an older form): the pick stays as it is.
        String siteTheme = ctx.request().getFormAttribute("siteTheme");
        submitted.put("siteTheme", siteTheme);
        db.write(tx -> {
            preferences.update(tx, viewer.memberId(), PreferencesUpdate.parse(email, theme, timeZone, null));
            if (siteTheme != null) {
                if (!siteTheme.isEmpty() && !siteThemes.enabled().contains(siteTheme)) {
                    throw new InvalidInput("siteTheme", "Choose one of the themes listed; " + siteTheme
                            + " is not offered to members.");
                }
                preferences.pickSiteTheme(tx, viewer.memberId(), siteTheme.isEmpty() ? null : siteTheme);
            }
            return null;
        }).onSuccess(done -> {
            caches.forget(viewer.memberId());
            Pages.redirect(ctx, "/account/preferences?saved=1");
        }).onFailure(failure -> ProfileForms.showErrors(ctx, pages, "preferences", failure,
                () -> db.read(sql -> model(sql, viewer, submitted))));
    }

    private void ignore(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        String username = Forms.field(ctx, "username");
        db.write(tx -> preferences.ignore(tx, viewer.memberId(), username, "username"))
                .onSuccess(done -> Pages.redirect(ctx, "/account/preferences"))
                .onFailure(failure -> ProfileForms.showErrors(ctx, pages, "preferences", failure, () -> db.read(sql -> {
                    Map<String, Object> model = model(sql, viewer, null);
                    model.put("ignoreUsername", username);
                    return model;
                })));
    }

    private void unignore(RoutingContext ctx) {
        Viewer viewer = Viewer.required(ctx);
        long id = Forms.pathId(ctx, "id", "member");
        db.write(tx -> preferences.unignore(tx, viewer.memberId(), id))
                .onSuccess(removed -> Pages.redirect(ctx, "/account/preferences"))
                .onFailure(ctx::fail);
    }

    /** The page's model; {@code submitted} (the form as sent) overrides the stored values when shown again. */
    private Map<String, Object> model(DSLContext sql, Viewer viewer, Map<String, String> submitted) {
        Preferences stored = preferences.load(sql, viewer.memberId());
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            String value = submitted != null && submitted.get(kind.inputName()) != null
                    ? submitted.get(kind.inputName()) : stored.email().get(kind).key();
            kinds.add(Map.of("name", kind.inputName(), "label", KIND_LABELS.get(kind), "value", value,
                    "choices", kind.choices().stream().map(EmailFrequency::key).toList()));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("kinds", kinds);
        model.put("themeValue", submitted != null && submitted.get("theme") != null ? submitted.get("theme")
                : stored.theme().key());
        model.put("timeZone", submitted != null && submitted.get("timeZone") != null ? submitted.get("timeZone")
                : stored.timeZone());
        model.put("ignored", stored.ignored());
        model.put("siteThemes", siteThemes.enabled().stream().filter(t -> !t.equals(siteThemes.active())).sorted()
                .toList());
        model.put("siteThemeDefault", siteThemes.active());
        String pick = preferences.siteTheme(sql, viewer.memberId());
        model.put("siteThemeValue", submitted != null && submitted.get("siteTheme") != null
                ? submitted.get("siteTheme") : pick == null ? "" : pick);
        model.put("zones", ProfileForms.ZONES);
        return model;
    }
}
