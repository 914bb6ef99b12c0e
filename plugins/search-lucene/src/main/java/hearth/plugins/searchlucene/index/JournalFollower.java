package hearth.plugins.searchlucene.index;

import hearth.api.events.AnswerAccepted;
import hearth.api.events.CategoryDeleted;
import hearth.api.events.DomainEvent;
import hearth.api.events.EventCancelled;
import hearth.api.events.EventChanged;
import hearth.api.events.EventCreated;
import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.MemberDeleted;
import hearth.api.events.MemberJoined;
import hearth.api.events.MemberProfileChanged;
import hearth.api.events.MemberRoleChanged;
import hearth.api.events.MemberStatusChanged;
import hearth.api.events.MemberSuspended;
import hearth.api.events.PostApproved;
import hearth.api.events.PostCreated;
import hearth.api.events.PostDeleted;
import hearth.api.events.PostEdited;
import hearth.api.events.PostHidden;
import hearth.api.events.PostLiked;
import hearth.api.events.PostRestored;
import hearth.api.events.TopicClosed;
import hearth.api.events.TopicCreated;
import hearth.api.events.TopicMoved;
import hearth.api.events.TopicOwnerChanged;
import hearth.api.events.TopicSplit;
import hearth.api.events.TopicTagsChanged;
import hearth.api.events.TopicUnlisted;
import hearth.api.events.TopicsMerged;
import hearth.plugins.searchlucene.index.Indexer.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the index current from the journal: each event names the items it touched, and those are refreshed from the
 * core. A change to what every post of a topic carries (category, tags, status, visibility) rewrites the topic's posts.
 * Events that change nothing findable (pins, locks, RSVPs, flags...) are passed over.
 */
public final class JournalFollower implements EventListener {

    /**
     * Entries recorded this long before a rebuild started are already in it (its transaction committed before the
     * rebuild read the core), so a first start, which replays the whole journal, does not write everything twice.
     */
    static final Duration SETTLED = Duration.ofMinutes(1);

    private final SearchIndex index;
    private final Indexer indexer;
    private final Rebuilds rebuilds;

    public JournalFollower(SearchIndex index, Indexer indexer, Rebuilds rebuilds) {
        this.index = index;
        this.indexer = indexer;
        this.rebuilds = rebuilds;
    }

    @Override
    public void on(JournalEntry entry) throws Exception {
        if (index.complete() && entry.recordedAt().isBefore(index.builtAt().minus(SETTLED))) {
            return;
        }
        DomainEvent event = entry.event();
        if (event instanceof CategoryDeleted) {
            // Its topics moved to another category, and no event names them: start over.
            rebuilds.start();
            return;
        }
        indexer.refresh(items(event));
    }

    private List<Item> items(DomainEvent event) throws Exception {
        return switch (event) {
            case PostCreated e -> List.of(Item.post(e.postId()), Item.topic(e.topicId(), false));
            case PostEdited e -> List.of(Item.post(e.postId()), Item.topic(e.topicId(), false));
            case PostLiked e -> List.of(Item.post(e.postId()), Item.topic(e.topicId(), false));
            // Hiding, deleting or restoring an opening post hides or shows the whole topic.
            case PostHidden e -> List.of(Item.topic(e.topicId(), true));
            case PostDeleted e -> List.of(Item.topic(e.topicId(), true));
            case PostRestored e -> List.of(Item.topic(e.topicId(), true));
            case PostApproved e -> List.of(Item.topic(e.topicId(), true));
            case AnswerAccepted e -> List.of(Item.topic(e.topicId(), true));
            case TopicCreated e -> List.of(Item.topic(e.topicId(), true));
            case TopicClosed e -> List.of(Item.topic(e.topicId(), true));
            case TopicMoved e -> List.of(Item.topic(e.topicId(), true));
            case TopicTagsChanged e -> List.of(Item.topic(e.topicId(), true));
            case TopicUnlisted e -> List.of(Item.topic(e.topicId(), true));
            case TopicOwnerChanged e -> List.of(Item.topic(e.topicId(), false));
            case TopicsMerged e -> List.of(Item.topic(e.fromTopicId(), true), Item.topic(e.intoTopicId(), true));
            case TopicSplit e -> List.of(Item.topic(e.fromTopicId(), true), Item.topic(e.newTopicId(), true));
            case MemberJoined e -> List.of(Item.member(e.memberId()));
            case MemberProfileChanged e -> List.of(Item.member(e.memberId()));
            case MemberRoleChanged e -> List.of(Item.member(e.memberId()));
            case MemberStatusChanged e -> List.of(Item.member(e.memberId()));
            case MemberSuspended e -> List.of(Item.member(e.memberId()));
            case MemberDeleted e -> {
                // Their name must go from every document that holds it, and in "remove" mode their posts with it.
                List<Item> items = new ArrayList<>(indexer.authored(e.memberId()));
                items.add(Item.member(e.memberId()));
                yield items;
            }
            case EventCreated e -> List.of(Item.event(e.eventId()));
            case EventChanged e -> List.of(Item.event(e.eventId()));
            case EventCancelled e -> List.of(Item.event(e.eventId()));
            default -> List.of();
        };
    }
}
