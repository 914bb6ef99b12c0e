package hearth.server.mail;

import hearth.server.accounts.Viewer;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code /admin/mail}: what the site has sent or is about to send. Without SMTP this is where mail ends up, so the
 * embedded default works end to end. Admins only: bodies can hold live links.
 */
public final class OutboxPage implements Routes {

    private final Mailer mailer;
    private final Pages pages;
    private final boolean smtpConfigured;

    public OutboxPage(Mailer mailer, Pages pages, boolean smtpConfigured) {
        this.mailer = mailer;
        this.pages = pages;
        this.smtpConfigured = smtpConfigured;
    }

    @Override
    public void mount(Router router) {
        router.get("/admin/mail").handler(this::show);
    }

    private void show(RoutingContext ctx) {
        Viewer.requiredAdmin(ctx, "Only admins can read the site's outgoing mail.");
        pages.respond(ctx, "admin-mail", mailer.recent(100).map(mails -> Map.of("mails", mails,
                "smtpConfigured", smtpConfigured)));
    }
}
