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
 * @param state      what moderators made of it (closed, locked, pinned, unlisted, hidden); since 1.1.0
 */
public record TopicView(long id, long categoryId, long authorId, String title, int replies, Instant createdAt,
                        State state) {

    /**
     * A topic's moderation state.
     *
     * @param closed   takes no new replies
     * @param locked   archived: only moderators may write in it
     * @param pinned   {@code none}, {@code category} or {@code site}
     * @param unlisted out of topic lists, reachable by its link
     * @param hidden   hidden from readers: deleted, or its opening post is under review
     * @since 1.1.0
     */
    public record State(boolean closed, boolean locked, String pinned, boolean unlisted, boolean hidden) {

        /** An ordinary topic. */
        public static final State OPEN = new State(false, false, "none", false, false);
    }
}
