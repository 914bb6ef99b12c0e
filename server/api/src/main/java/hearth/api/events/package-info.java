/**
 * Domain events: immutable, past-tense records of what happened in the community ({@code TopicCreated},
 * {@code MemberJoined}). Services record them in the same transaction as the change; after commit the journal
 * delivers them, in order and at least once, to every {@link hearth.api.events.EventListener}.
 */
package hearth.api.events;
