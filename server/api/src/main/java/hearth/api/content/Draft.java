package hearth.api.content;

import hearth.api.views.MemberView;

/**
 * Text a member is about to save.
 *
 * @param kind       what it is
 * @param author     who wrote it
 * @param categoryId the category of the topic (0 for profile text)
 * @param topicId    the topic replied to or edited in (0 for a new topic and profile text); since 1.1.0
 * @param postId     the post being edited; 0 for a new post and profile text; since 1.1.0
 * @param title      a new topic's title; empty otherwise
 * @param body       the Markdown source
 * @param authorPosts how many public posts the author has written before (their first post: 0), counted up to
 *                    {@link #AUTHOR_POSTS_COUNTED}; since 1.1.0
 */
public record Draft(Kind kind, MemberView author, long categoryId, long topicId, long postId, String title,
                    String body, int authorPosts) {

    /** {@link #authorPosts} counts no further: enough to tell newcomers from regulars. */
    public static final int AUTHOR_POSTS_COUNTED = 100;

    /** The kinds of text guards see. */
    public enum Kind { TOPIC, REPLY, PROFILE }

    /** Whether this is an edit of a saved post rather than a new one. */
    public boolean isEdit() {
        return postId != 0;
    }
}
