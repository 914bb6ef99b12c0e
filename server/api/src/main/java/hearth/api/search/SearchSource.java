package hearth.api.search;

import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a search index reads from the core: everything readers may find, page by page in id order for a full rebuild,
 * and one item by id to follow the journal. Only public content is here: topics in a category (never private
 * conversations or unpublished topics) and their posts, members who have not deleted their account, and events. Hidden,
 * deleted and unlisted items are included, flagged, so an index that follows the journal learns to drop them. Which
 * categories a viewer may read is asked of {@link hearth.api.access.Permissions} ({@code discussions.see}) at search
 * time. Blocking: use it from listeners, tasks and page handlers.
 *
 * @since 1.2.0
 */
public interface SearchSource {

    /** Up to {@code limit} topics with an id above {@code afterId}, by id. */
    List<TopicEntry> topics(long afterId, int limit);

    /** One topic, if it is public (see above). */
    Optional<TopicEntry> topic(long id);

    /** Up to {@code limit} posts of public topics with an id above {@code afterId}, by id. */
    List<PostEntry> posts(long afterId, int limit);

    /** One post of a public topic. */
    Optional<PostEntry> post(long id);

    /** Up to {@code limit} posts of one public topic from number {@code fromNumber} on, in order. */
    List<PostEntry> topicPosts(long topicId, int fromNumber, int limit);

    /** Up to {@code limit} members with an id above {@code afterId}, by id. */
    List<MemberEntry> members(long afterId, int limit);

    /** One member who has not deleted their account. */
    Optional<MemberEntry> member(long id);

    /** Up to {@code limit} events with an id above {@code afterId}, by id. */
    List<EventEntry> events(long afterId, int limit);

    /** One event. */
    Optional<EventEntry> event(long id);

    /**
     * A topic with what a search filters and ranks by.
     *
     * @param topic          the topic; {@code topic.state()} says whether it is hidden or unlisted
     * @param authorUsername who started it
     * @param tags           its tags, by name
     * @param question       whether it is a question
     * @param solved         whether it is a question with an accepted answer
     * @param lastPostedAt   when it was last replied to
     * @param likes          the likes on its opening post
     */
    record TopicEntry(TopicView topic, String authorUsername, List<String> tags, boolean question,
                      boolean solved, Instant lastPostedAt, int likes) {

        public TopicEntry {
            tags = List.copyOf(tags);
        }
    }

    /**
     * A post with its text as readers see it.
     *
     * @param post           the post; {@code post.hidden()} says whether readers see it
     * @param authorUsername who wrote it
     * @param text           its rendered text, without markup
     * @param likes          how many members liked it
     */
    record PostEntry(PostView post, String authorUsername, String text, int likes) {
    }

    /**
     * A member's public face.
     *
     * @param member the member
     * @param bio    their profile text, without markup
     * @param listed false when the member should not be found: pending approval, banned, or their profile hidden
     */
    record MemberEntry(MemberView member, String bio, boolean listed) {
    }

    /**
     * A community event (one occurrence).
     *
     * @param id          the event
     * @param topicId     its discussion topic
     * @param categoryId  its category
     * @param hostId      who hosts it
     * @param title       its title
     * @param description its description, without markup
     * @param venue       where it takes place; empty when online only
     * @param startsAt    when it starts
     * @param visibility  {@code public}, {@code members} (signed-in members only) or {@code invite} (invitees only)
     * @param cancelled   whether it was cancelled
     */
    record EventEntry(long id, long topicId, long categoryId, long hostId, String title, String description,
                      String venue, Instant startsAt, String visibility, boolean cancelled) {
    }
}
