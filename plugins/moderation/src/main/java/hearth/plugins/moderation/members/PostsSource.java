package hearth.plugins.moderation.members;

import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.api.views.Topics;
import hearth.plugins.moderation.TimelineItem;
import hearth.plugins.moderation.TimelineSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The member's posts in public topics, hidden ones included and marked, for the timeline. */
final class PostsSource implements TimelineSource {

    private static final int EXCERPT = 160;

    private final Topics topics;

    PostsSource(Topics topics) {
        this.topics = topics;
    }

    @Override
    public List<TimelineItem> about(long memberId, int limit) {
        Map<Long, String> titles = new HashMap<>(); // a member's posts cluster in few topics
        return topics.postsBy(memberId, limit).stream().map(post -> new TimelineItem(post.createdAt(),
                post.number() == 1 ? "topic" : "post",
                (post.number() == 1 ? "Started " : "Replied in ")
                        + titles.computeIfAbsent(post.topicId(), this::title)
                        + (post.hidden() ? " (hidden from readers)" : "") + ": " + excerpt(post), "/p/" + post.id()))
                .toList();
    }

    private String title(long topicId) {
        return topics.topic(topicId).map(TopicView::title).map(t -> "“" + t + "”").orElse("a topic");
    }

    private static String excerpt(PostView post) {
        String text = post.markdown().strip().replaceAll("\\s+", " ");
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
