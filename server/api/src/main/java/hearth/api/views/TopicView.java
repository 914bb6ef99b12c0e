package hearth.api.views;

import java.time.Instant;

/**
 * A topic as plugins see it.
 *
 * @param id         the topic's id
 * @param categoryId its category
 * @param authorId   who started it
 * @param title      its title
 * @param replies    how many replies it has
 * @param createdAt  when it was started
 */
public record TopicView(long id, long categoryId, long authorId, String title, int replies, Instant createdAt) {
}
