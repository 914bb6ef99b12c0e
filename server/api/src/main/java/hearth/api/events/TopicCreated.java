package hearth.api.events;

/**
 * A member started a topic; its opening post is announced separately as {@link PostCreated} number 1.
 *
 * @param question true when it was started as a question (one that can have an accepted answer, see
 *                 {@link AnswerAccepted}); a topic's kind is chosen when it is started and never changes
 *                 (@since 1.3.0; entries journalled before say false)
 */
public record TopicCreated(long topicId, long categoryId, long authorId, String title, boolean question)
        implements DomainEvent {

    /** A discussion topic (not a question), as before 1.3.0. */
    public TopicCreated(long topicId, long categoryId, long authorId, String title) {
        this(topicId, categoryId, authorId, title, false);
    }
}
