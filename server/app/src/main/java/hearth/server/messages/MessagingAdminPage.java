package hearth.server.messages;

import hearth.api.errors.InvalidInput;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.site.SiteSettings;
import hearth.server.web.Forms;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /admin/messages}: how old an account must be to start private conversations, and the welcome message new
 * members receive (on or off, its title and text, who sends it).
 */
public final class MessagingAdminPage implements Routes {

    static final long MAX_HOURS = 24 * 365;
    private static final String REFUSAL = "Only admins can change the messaging settings.";

    private final Database db;
    private final Pages pages;
    private final WelcomeMessages welcome;
    private final SiteSettings settings;

    public MessagingAdminPage(Database db, Pages pages, WelcomeMessages welcome, SiteSettings settings) {
        this.db = db;
        this.pages = pages;
        this.welcome = welcome;
        this.settings = settings;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/messages").handler(this::form);
        router.post("/admin/messages").handler(this::save);
    }

    private void form(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
        boolean saved = "1".equals(ctx.request().getParam("saved"));
        pages.respond(ctx, "admin-messages", db.read(sql -> {
            WelcomeMessages.Welcome current = welcome.current(sql);
            Map<String, Object> values = new HashMap<>();
            values.put("minAccountHours", settings.get(SiteSettings.Key.MESSAGES_MIN_ACCOUNT_HOURS));
            values.put("welcomeEnabled", current.enabled());
            values.put("title", current.title());
            values.put("body", current.body());
            values.put("sender", current.sender());
            return Map.of("values", values, "errors", Map.of(), "saved", saved);
        }));
    }

    private void save(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, REFUSAL);
        Map<String, Object> values = new HashMap<>();
        for (String name : new String[] {"minAccountHours", "title", "body", "sender"}) {
            values.put(name, Forms.field(ctx, name));
        }
        boolean enabled = Forms.checked(ctx, "welcomeEnabled");
        values.put("welcomeEnabled", enabled);
        String hours = ((String) values.get("minAccountHours")).strip();
        if (!hours.matches("\\d{1,5}") || Long.parseLong(hours) > MAX_HOURS) {
            showAgain(ctx, values, new InvalidInput("minAccountHours",
                    "Give a whole number of hours from 0 to " + MAX_HOURS + "."));
            return;
        }
        welcome.save(enabled, (String) values.get("title"), (String) values.get("body"), (String) values.get("sender"))
                .compose(done -> settings.update(SiteSettings.Key.MESSAGES_MIN_ACCOUNT_HOURS,
                        String.valueOf(Long.parseLong(hours))))
                .onSuccess(done -> Pages.redirect(ctx, "/admin/messages?saved=1"))
                .onFailure(Pages.formFailure(ctx, invalid -> showAgain(ctx, values, invalid)));
    }

    private void showAgain(RoutingContext ctx, Map<String, Object> values, InvalidInput invalid) {
        pages.showErrors(ctx, "admin-messages", Map.of("values", values, "saved", false), invalid);
    }
}
