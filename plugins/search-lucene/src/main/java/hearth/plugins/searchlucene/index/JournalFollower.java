package hearth.plugins.searchlucene.index;

import hearth.api.events.AnswerAccepted;
import hearth.api.events.CategoryChanged;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the index current from the journal: each event names the items it touched, and those are refreshed from the
 * core. A change to what every post of a topic carries (category, tags, status, visibility) rewrites the topic's posts.
 * Events that change nothing findable (pins, locks, RSVPs, flags...) are passed over.
 */
public final class JournalFollower implements EventListener {

    /**
     * Entries recorded this long before a rebuild started are already in it (their transactions committed before the
     * rebuild read the core), so a first start, which replays the whole journal while the index is built, does not
     * read and write everything twice.
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
        if (entry.recordedAt().isBefore(coveredUntil().minus(SETTLED))) {
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

    /** The start of the last complete rebuild, or of the running one: everything committed before it is in it. */
    private Instant coveredUntil() {
        Instant built = index.complete() ? index.builtAt() : Instant.EPOCH;
        Rebuilds.Status running = rebuilds.status();
        return running.running() && running.startedAt().isAfter(built) ? running.startedAt() : built;
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
            // A renamed category's name is in its topics' documents, its slug in their posts' (for #category).
            case CategoryChanged e -> e.created() ? List.of() : indexer.inCategory(e.categoryId());
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
