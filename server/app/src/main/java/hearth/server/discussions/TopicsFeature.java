package hearth.server.discussions;

import hearth.api.access.Permissions;
import hearth.server.access.ContentGuards;
import hearth.server.accounts.PostingRights;
import hearth.server.db.Database;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** Reading topics and posting: the topic pages, the new-topic form and their API, over one {@link Posting}. */
public final class TopicsFeature implements Routes {

    private final TopicPage page;
    private final NewTopicPage newTopic;
    private final TopicApi api;
    private final LikePages likes;
    private final BookmarkPages bookmarks;
    private final ScheduledTopics scheduled;

    public TopicsFeature(Database db, Clock clock, Markdown markdown, Permissions permissions,
                         PostingRights postingRights, ContentGuards guards, Pages pages, ReadState reads,
                         Bookmarks bookmarks) {
        TopicReader reader = new TopicReader();
        Discussions discussions = new Discussions(clock, markdown);
        Posting posting = new Posting(db, discussions, reader, new PostRules(clock), permissions, postingRights,
                guards);
        this.scheduled = new ScheduledTopics(db, discussions, reader, clock);
        TopicModeration moderation = new TopicModeration(db, reader, permissions, clock);
        this.page = new TopicPage(db, pages, reader, posting, new TopicViews(db, clock), moderation, reads);
        this.newTopic = new NewTopicPage(db, pages, posting, scheduled);
        this.api = new TopicApi(db, reader, posting, moderation, scheduled);
        this.likes = new LikePages(db, new Likes(db, permissions, clock), reader, pages, permissions);
        this.bookmarks = new BookmarkPages(db, bookmarks, pages);
    }

    @Override
    public void mount(Router router) {
        page.mount(router);
        newTopic.mount(router);
        api.mount(router);
        likes.mount(router);
        bookmarks.mount(router);
        scheduled.mount(router);
    }

    /** Publishes the scheduled topics whose time has come; blocking, for a periodic timer. */
    public ScheduledTopics scheduled() {
        return scheduled;
    }
}
