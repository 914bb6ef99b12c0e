package hearth.api.events;

/**
 * An admin deleted a category; its topics, if it had any, moved to another one first.
 *
 * @param categoryId  the deleted category
 * @param movedTo     where its topics went (0 if it had none)
 * @param topicsMoved how many topics moved
 */
public record CategoryDeleted(long categoryId, long movedTo, int topicsMoved) implements DomainEvent {
}
