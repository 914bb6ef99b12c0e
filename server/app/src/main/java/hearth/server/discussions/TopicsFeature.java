package hearth.server.discussions;

import hearth.api.access.Permissions;
import hearth.server.access.ContentGuards;
import hearth.server.accounts.PostingRights;
import hearth.server.db.Database;
import hearth.server.questions.AcceptedAnswers;
import hearth.server.questions.AnswerPages;
import hearth.server.tags.Tags;
import hearth.server.web.Pages;
import hearth.server.web.Routes;
import io.vertx.ext.web.Router;
import hearth.server.web.RateLimiter;
import java.time.Clock;
import java.time.Duration;

/** Reading topics and posting: the topic pages, the new-topic form and their API, over one {@link Posting}. */
public final class TopicsFeature implements Routes {

    private final TopicPage page;
    private final NewTopicPage newTopic;
    private final TopicApi api;
    private final LikePages likes;
    private final BookmarkPages bookmarks;
    private final PostEditPages editPages;
    private final PostEditApi editApi;
    private final AnswerPages answers;
    private final ScheduledTopics scheduled;

    public TopicsFeature(Database db, Clock clock, Markdown markdown, Permissions permissions,
                         PostingRights postingRights, ContentGuards guards, Pages pages, ReadState reads,
                         Bookmarks bookmarks, Tags tags) {
        TopicReader reader = new TopicReader();
        Discussions discussions = new Discussions(clock, markdown);
        Posting posting = new Posting(db, discussions, reader, new PostRules(clock), permissions, postingRights,
                guards, tags);
        this.scheduled = new ScheduledTopics(db, discussions, reader, clock);
        AcceptedAnswers answers = new AcceptedAnswers(db, permissions);
        TopicModeration moderation = new TopicModeration(db, reader, permissions, clock);
        PostAuthority authority = new PostAuthority(reader, permissions, postingRights);
        // Edits, deletions and restores share one brake: 30 changes per member per 10 minutes.
        RateLimiter changes = new RateLimiter(30, Duration.ofMinutes(10), clock);
        PostEditing editing = new PostEditing(db, authority, new PostRules(clock), guards, markdown, changes, clock);
        PostDeletion deletion = new PostDeletion(db, authority, changes, clock);
        PostRevisions revisions = new PostRevisions(reader, permissions);
        this.editPages = new PostEditPages(db, pages, reader, authority, editing, deletion, revisions);
        this.editApi = new PostEditApi(db, reader, authority, editing, deletion, revisions);
        this.page = new TopicPage(db, pages, reader, posting, new TopicViews(db, clock), moderation, reads,
                authority, tags, answers);
        this.newTopic = new NewTopicPage(db, pages, posting, tags, scheduled);
        this.api = new TopicApi(db, reader, posting, moderation, scheduled);
        this.likes = new LikePages(db, new Likes(db, permissions, clock), reader, pages, permissions);
        this.bookmarks = new BookmarkPages(db, bookmarks, pages);
        this.answers = new AnswerPages(db, answers, reader);
    }

    @Override
    public void mount(Router router) {
        page.mount(router);
        newTopic.mount(router);
        api.mount(router);
        likes.mount(router);
        bookmarks.mount(router);
        editPages.mount(router);
        editApi.mount(router);
        answers.mount(router);
        scheduled.mount(router);
    }

    /** The scheduled topics, whose {@code publishDue} a periodic timer calls. */
    public ScheduledTopics scheduled() {
        return scheduled;
    }
}
