package hearth.api.events;

/**
 * A post's text (and, for a topic's opening post, maybe the topic's title) was changed.
 *
 * @param postId   the post
 * @param topicId  its topic
 * @param editorId who edited it: its author or a moderator
 * @param revision how many earlier versions the post keeps now; unchanged by an edit within the author's grace
 *                 period, which keeps none
 */
public record PostEdited(long postId, long topicId, long editorId, int revision) implements DomainEvent {
}
