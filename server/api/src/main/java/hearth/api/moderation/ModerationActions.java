package hearth.api.moderation;

import hearth.api.data.PluginTransaction;
import hearth.api.errors.InvalidInput;
import hearth.api.errors.NotFound;
import java.time.Instant;
import java.util.List;

/**
 * The changes to core content and members that moderation needs. Each runs inside the caller's
 * {@link PluginTransaction}, so the plugin's own records of it (an audit entry, a resolved flag) commit with it, and
 * records the core's domain event for it. Nothing here asks {@link hearth.api.access.Permissions}: the caller has
 * decided who may do what. Unknown posts, topics, members or categories throw {@link NotFound}; values the core
 * refuses throw {@link InvalidInput}.
 *
 * @since 1.1.0
 */
public interface ModerationActions {

    /** Hides a post from readers (its author and moderators still see it); {@code reason} is for moderators. */
    void hidePost(PluginTransaction tx, long postId, String reason, long byMemberId);

    /** Shows a hidden or held post to readers; a held post is published now ({@code PostCreated}). */
    void approvePost(PluginTransaction tx, long postId, long byMemberId);

    /** Deletes a post as a moderator would: it keeps its place, readers no longer see its text. */
    void deletePost(PluginTransaction tx, long postId, long byMemberId);

    /** Replaces a post's Markdown, keeping the earlier version in its revisions. */
    void editPost(PluginTransaction tx, long postId, String markdown, long byMemberId);

    /**
     * Changes a member's standing. {@code until} ends a silence or suspension by itself (null: it does not end);
     * {@code reason} is shown to the member. Suspending or banning ends their sessions. Staff cannot be sanctioned.
     */
    void setStanding(PluginTransaction tx, long memberId, Standing standing, Instant until, String reason,
                     long byMemberId);

    /** A member's standing now. */
    Standing standing(PluginTransaction tx, long memberId);

    /** Sends a member a private message from {@code fromMemberId}, e.g. a warning from a moderator. */
    long sendPrivateMessage(PluginTransaction tx, long toMemberId, String title, String markdown, long fromMemberId);

    /** Closes a topic to new replies, or opens it again. */
    void closeTopic(PluginTransaction tx, long topicId, boolean closed, long byMemberId);

    /** Locks (archives) a topic so only moderators may still write in it, or unlocks it. */
    void lockTopic(PluginTransaction tx, long topicId, boolean locked, long byMemberId);

    /** Pins a topic: {@code "none"}, {@code "category"} or {@code "site"}. */
    void pinTopic(PluginTransaction tx, long topicId, String scope, long byMemberId);

    /** Takes a topic out of topic lists (it stays reachable by its link), or lists it again. */
    void unlistTopic(PluginTransaction tx, long topicId, boolean unlisted, long byMemberId);

    /** Moves a topic to another category. */
    void moveTopic(PluginTransaction tx, long topicId, long categoryId, long byMemberId);

    /**
     * Moves every post of topic {@code fromTopicId} to the end of {@code intoTopicId}, in the order they were
     * written; the emptied topic is hidden and its old link leads to the merged one.
     */
    void mergeTopics(PluginTransaction tx, long fromTopicId, long intoTopicId, long byMemberId);

    /**
     * Moves replies of a topic (not its opening post) into a new topic in the same category, titled {@code title};
     * the first of them becomes its opening post. Returns the new topic's id.
     */
    long splitTopic(PluginTransaction tx, long topicId, List<Long> postIds, String title, long byMemberId);

    /** Makes another member the author of a topic's opening post. */
    void changeTopicOwner(PluginTransaction tx, long topicId, long newOwnerId, long byMemberId);
}
