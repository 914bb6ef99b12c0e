package hearth.api.views;

import java.time.Instant;

/**
 * A post as plugins see it.
 *
 * @param id        the post's id
 * @param topicId   its topic
 * @param authorId  who wrote it
 * @param number    its number in the topic (1 is the opening post)
 * @param markdown  its Markdown source
 * @param createdAt when it was posted
 * @param hidden    whether readers do not see it: hidden or held for moderators, or deleted; since 1.1.0
 */
public record PostView(long id, long topicId, long authorId, int number, String markdown, Instant createdAt,
                       boolean hidden) {
}
