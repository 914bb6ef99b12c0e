package hearth.server.site;

import hearth.server.accounts.Viewer;
import hearth.server.site.SiteSettings.Key;
import hearth.api.errors.InvalidInput;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /admin/settings}: the site-wide switches admins flip at run time. */
public final class SiteSettingsPage implements Routes {

    private static final List<Key> SWITCHES = List.of(Key.REQUIRE_VERIFIED_EMAIL_TO_POST, Key.INVITE_ONLY,
            Key.REQUIRE_2FA_FOR_STAFF, Key.ABSENT_DIGEST);
    private static final Set<String> DELETION_MODES = Set.of("anonymise", "remove");

    private final SiteSettings settings;
    private final Pages pages;

    public SiteSettingsPage(SiteSettings settings, Pages pages) {
        this.settings = settings;
        this.pages = pages;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/settings").handler(ctx -> {
            requireAdmin(ctx);
            pages.show(ctx, 200, "admin-settings", model("1".equals(ctx.request().getParam("saved"))));
        });
        router.post("/admin/settings").handler(this::save);
    }

    private void save(RoutingContext ctx) {
        requireAdmin(ctx);
        String deletion = value(ctx, Key.DELETED_MEMBER_POSTS);
        if (!DELETION_MODES.contains(deletion)) {
            pages.showErrors(ctx, "admin-settings", model(false), new InvalidInput(
                    Key.DELETED_MEMBER_POSTS.settingName(), "Choose whether to anonymise or remove their posts."));
            return;
        }
        // Left out (a client that predates the setting): it stays as it is.
        String absentDays = ctx.request().getFormAttribute(Key.ABSENT_DIGEST_DAYS.settingName()) == null
                ? settings.get(Key.ABSENT_DIGEST_DAYS) : value(ctx, Key.ABSENT_DIGEST_DAYS);
        if (SiteSettings.absentDigestDaysProblem(absentDays).isPresent()) {
            pages.showErrors(ctx, "admin-settings", model(false), new InvalidInput(
                    Key.ABSENT_DIGEST_DAYS.settingName(), SiteSettings.absentDigestDaysProblem(absentDays).get()));
            return;
        }
        String reminders = ctx.request().getFormAttribute(Key.EVENT_REMINDER_MINUTES.settingName()) == null
                ? settings.get(Key.EVENT_REMINDER_MINUTES) : value(ctx, Key.EVENT_REMINDER_MINUTES);
        if (SiteSettings.eventReminderMinutesProblem(reminders).isPresent()) {
            pages.showErrors(ctx, "admin-settings", model(false), new InvalidInput(
                    Key.EVENT_REMINDER_MINUTES.settingName(),
                    SiteSettings.eventReminderMinutesProblem(reminders).get()));
            return;
        }
        Future<Void> saving = settings.update(Key.DELETED_MEMBER_POSTS, deletion)
                .compose(done -> settings.update(Key.ABSENT_DIGEST_DAYS, absentDays.strip()))
                .compose(done -> settings.update(Key.EVENT_REMINDER_MINUTES, reminders.replaceAll("\\s", "")));
        for (Key key : SWITCHES) {
            String on = String.valueOf("on".equals(value(ctx, key)));
            saving = saving.compose(done -> settings.update(key, on));
        }
        saving.onSuccess(done -> Pages.redirect(ctx, "/admin/settings?saved=1")).onFailure(ctx::fail);
    }

    private Map<String, Object> model(boolean saved) {
        Map<String, Object> switches = new LinkedHashMap<>();
        SWITCHES.forEach(key -> switches.put(key.settingName(), settings.isOn(key)));
        return Map.of("switches", switches, "deletion", settings.get(Key.DELETED_MEMBER_POSTS), "saved", saved,
                "absentDays", settings.get(Key.ABSENT_DIGEST_DAYS),
                "eventReminders", settings.get(Key.EVENT_REMINDER_MINUTES));
    }

    private static String value(RoutingContext ctx, Key key) {
        String value = ctx.request().getFormAttribute(key.settingName());
        return value == null ? "" : value;
    }

    private static void requireAdmin(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can change the site's settings.");
    }
}
