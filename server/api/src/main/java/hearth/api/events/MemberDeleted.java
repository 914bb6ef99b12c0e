package hearth.api.events;

/**
 * A member deleted their account. The member row stays, emptied, as an anonymous tombstone: display name
 * {@code "deleted member <memberId>"}, username {@code deleted-<memberId>}, no email, password, bio or other personal
 * fields; their sessions are revoked and the addresses they used are forgotten. Earlier journal entries that named the
 * member ({@link MemberJoined#username()}, and in {@code remove} mode the titles of removed topics) are redacted in
 * the same transaction.
 *
 * <p>Listeners that keep personal data about the member (notification lists, search index, analytics roll-ups) must
 * drop it when they see this event. In {@code remove} mode they must also forget every post and topic the member
 * wrote: those are deleted, except the opening posts of topics that others replied to, which remain with their body
 * replaced by a short notice.
 *
 * @param memberId the deleted account, now a tombstone
 * @param mode     what happened to the member's posts, from the site setting {@code accounts.deleted-member-posts}:
 *                 {@code "anonymise"} (kept, shown as by a deleted member) or {@code "remove"} (deleted)
 */
public record MemberDeleted(long memberId, String mode) implements DomainEvent {
}
