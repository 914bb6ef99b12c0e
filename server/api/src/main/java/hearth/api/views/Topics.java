package hearth.api.views;

import java.util.Optional;

/** Reads topics and posts (blocking: not from slot renderers, guards or policies). */
public interface Topics {

    /** The topic with this id. */
    Optional<TopicView> topic(long id);

    /** The post with this id. */
    Optional<PostView> post(long id);
}
