package hearth.api.events;

/**
 * A post was hidden from readers until a moderator looks at it: held when it was written (a content guard or the
 * site's approval rules), or hidden later (flags, a moderator). Its author and moderators still see it. A held post
 * has had no {@link PostCreated} yet: that comes when it is approved. Listeners that show or index posts drop it.
 *
 * @param postId     the post
 * @param topicId    its topic
 * @param authorId   who wrote it
 * @param reason     why, for moderators (e.g. "3 flags: spam" or "watched word")
 * @param byMemberId the moderator who hid it; 0 when the site did (flags, guards)
 * @param held       true when it was held as it was written, so it was never public
 * @since 1.1.0
 */
public record PostHidden(long postId, long topicId, long authorId, String reason, long byMemberId, boolean held)
        implements DomainEvent {
}
