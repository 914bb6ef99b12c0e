package hearth.api.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing that matches: a post (a topic found by its title counts as its opening post), or since 1.2.0 a member or
 * an event.
 *
 * @param topicId    the post's topic; for a member, 0; for an event, its discussion topic
 * @param postNumber the post's number in the topic (1 is the opening post); 0 for a member or an event
 * @param title      the topic's title, the member's name or the event's title
 * @param snippet    plain text around the match (escaped by the page)
 * @param postedAt   when it was posted (for a member: joined; for an event: when it starts)
 * @param kind       what it is: {@link #POST}, {@link #TOPIC}, {@link #MEMBER} or {@link #EVENT}; since 1.2.0
 * @param url        where it is on the site, e.g. {@code /t/12#post-3}; since 1.2.0
 * @param marks      the parts of {@code snippet} that matched, to highlight, in order and not overlapping; since 1.2.0
 */
public record SearchHit(long topicId, int postNumber, String title, String snippet, Instant postedAt, String kind,
                        String url, List<Mark> marks) {

    /** A post that matched by its text. @since 1.2.0 */
    public static final String POST = "post";
    /** A topic that matched by its title, tags or category; it links to the opening post. @since 1.2.0 */
    public static final String TOPIC = "topic";
    /** A member that matched by name or profile. @since 1.2.0 */
    public static final String MEMBER = "member";
    /** A community event. @since 1.2.0 */
    public static final String EVENT = "event";

    public SearchHit {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(url);
        marks = List.copyOf(marks);
    }

    /** A post, linked to its place in the topic, with nothing highlighted (the 1.0 form). */
    public SearchHit(long topicId, int postNumber, String title, String snippet, Instant postedAt) {
        this(topicId, postNumber, title, snippet, postedAt, POST, "/t/" + topicId + "#post-" + postNumber, List.of());
    }

    /**
     * A highlighted range of the snippet.
     *
     * @param start the first character's index
     * @param end   the index after the last character
     * @since 1.2.0
     */
    public record Mark(int start, int end) {
    }
}
