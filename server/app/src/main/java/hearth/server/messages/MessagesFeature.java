package hearth.server.messages;

import hearth.server.accounts.PostingRights;
import hearth.server.db.Database;
import hearth.server.discussions.Discussions;
import hearth.server.discussions.Markdown;
import hearth.server.discussions.PostRules;
import hearth.server.discussions.TopicReader;
import hearth.server.site.SiteSettings;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Private messages: the member's conversations and the form that starts one, their API, the welcome message and its
 * admin page. Replies go through the topic pages, whose access rule lets only participants in.
 */
public final class MessagesFeature implements Routes {

    private final MessagePages pages;
    private final MessageApi api;
    private final MessagingAdminPage admin;
    private final WelcomeMessages welcome;

    public MessagesFeature(Database db, Clock clock, Markdown markdown, PostingRights postingRights,
                           SiteSettings settings, Pages pages) {
        PostRules rules = new PostRules(clock);
        Conversations conversations = new Conversations(db, new Discussions(clock, markdown), new TopicReader(), rules,
                postingRights, settings, clock);
        this.pages = new MessagePages(db, pages, conversations);
        this.api = new MessageApi(db, conversations);
        this.welcome = new WelcomeMessages(db, conversations, rules, clock);
        this.admin = new MessagingAdminPage(db, pages, welcome, settings);
    }

    /** The journal listener that sends the welcome message. */
    public WelcomeMessages welcome() {
        return welcome;
    }

    @Override
    public void mount(Router router) {
        pages.mount(router);
        api.mount(router);
        admin.mount(router);
    }
}
