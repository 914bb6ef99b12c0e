package hearth.api.views;

import java.util.List;
import java.util.Optional;

/** Reads topics and posts (blocking: not from slot renderers, guards or policies). */
public interface Topics {

    /** The topic with this id. */
    Optional<TopicView> topic(long id);

    /** The post with this id. */
    Optional<PostView> post(long id);

    /**
     * Every category, in the site's order (plugins check who may see which with the {@code discussions.see}
     * permission).
     *
     * @since 1.1.0
     */
    List<CategoryView> categories();

    /**
     * Up to {@code limit} posts of a topic from number {@code fromNumber} on, in order, hidden ones included.
     *
     * @since 1.1.0
     */
    List<PostView> posts(long topicId, int fromNumber, int limit);

    /**
     * A member's latest posts in public topics, newest first, hidden ones included: at most {@code limit}.
     *
     * @since 1.1.0
     */
    List<PostView> postsBy(long memberId, int limit);
}
