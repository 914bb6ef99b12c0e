package hearth.server.events;

import static hearth.server.db.schema.tables.TopicParticipants.TOPIC_PARTICIPANTS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.server.db.Tx;
import hearth.server.discussions.Discussions;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An event's discussion topic, kept as private as the event: a public or members' event talks in its category, an
 * invite-only one in a private conversation of its host and invitees (a topic without a category, like private
 * messages), so neither its title nor its talk reaches anyone the event itself is hidden from.
 */
final class EventTopics {

    private final Discussions discussions;
    private final Clock clock;

    EventTopics(Discussions discussions, Clock clock) {
        this.discussions = discussions;
        this.clock = clock;
    }

    long start(Tx tx, EventDraft draft, long hostId, List<Long> invitees, String body) {
        if (draft.visibility() == Visibility.INVITE) {
            return discussions.startConversation(tx, hostId, invitees.stream().filter(m -> m != hostId).toList(),
                    draft.title(), body);
        }
        return discussions.startTopic(tx, hostId, draft.categoryId(), draft.title(), body);
    }

    /**
     * After an edit: an invite-only event's topic becomes (or stays) the private conversation of the host and the
     * invitees now on the list; an event opened up takes its topic back into its category.
     */
    void follow(Tx tx, long topicId, Visibility visibility, long categoryId, long hostId, List<Long> invitees) {
        if (visibility == Visibility.INVITE) {
            tx.sql().update(TOPICS).setNull(TOPICS.CATEGORY_ID).set(TOPICS.IS_PRIVATE, true)
                    .where(TOPICS.ID.eq(topicId)).execute();
            Set<Long> everyone = new LinkedHashSet<>(invitees);
            everyone.add(hostId);
            tx.sql().deleteFrom(TOPIC_PARTICIPANTS).where(TOPIC_PARTICIPANTS.TOPIC_ID.eq(topicId),
                    TOPIC_PARTICIPANTS.MEMBER_ID.notIn(everyone)).execute();
            for (long member : everyone) {
                tx.sql().insertInto(TOPIC_PARTICIPANTS).set(TOPIC_PARTICIPANTS.TOPIC_ID, topicId)
                        .set(TOPIC_PARTICIPANTS.MEMBER_ID, member).set(TOPIC_PARTICIPANTS.ADDED_AT, clock.instant())
                        .onDuplicateKeyIgnore().execute();
            }
        } else {
            int opened = tx.sql().update(TOPICS).set(TOPICS.CATEGORY_ID, categoryId).set(TOPICS.IS_PRIVATE, false)
                    .where(TOPICS.ID.eq(topicId), TOPICS.IS_PRIVATE.isTrue()).execute();
            if (opened > 0) {
                tx.sql().deleteFrom(TOPIC_PARTICIPANTS).where(TOPIC_PARTICIPANTS.TOPIC_ID.eq(topicId)).execute();
            }
        }
    }
}
