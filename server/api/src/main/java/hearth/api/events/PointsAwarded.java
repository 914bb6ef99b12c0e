package hearth.api.events;

/**
 * The gamification plugin added points to a member's ledger, or took them back (negative {@code points}) when the
 * post they were for was deleted or hidden, a like was withdrawn or a flag rejected. Recorded as points are awarded
 * live, not again when an admin replays the ledger.
 *
 * @param memberId the member
 * @param action   what the points are for, e.g. {@code reply}, {@code like-received}, {@code welcome}
 * @param points   how many (negative when taken back)
 * @param total    the member's total after the change
 * @param position the journal entry the points come from
 * @since 1.3.0
 */
public record PointsAwarded(long memberId, String action, int points, long total, long position)
        implements DomainEvent {
}
