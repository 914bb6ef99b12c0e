package hearth.api.events;

/**
 * A moderator settled a flag.
 *
 * @param flagId     the flag
 * @param flaggerId  who had flagged
 * @param outcome    {@code agreed} (the flag was right: action taken) or {@code disagreed} (rejected)
 * @param byMemberId the moderator
 * @since 1.1.0
 */
public record FlagResolved(long flagId, long flaggerId, String outcome, long byMemberId) implements DomainEvent {
}
