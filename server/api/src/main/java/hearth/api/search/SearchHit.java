package hearth.api.search;

import java.time.Instant;

/**
 * One post that matches.
 *
 * @param topicId    its topic
 * @param postNumber its number in the topic (1 is the opening post)
 * @param title      the topic's title
 * @param snippet    plain text around the match (escaped by the page)
 * @param postedAt   when it was posted
 */
public record SearchHit(long topicId, int postNumber, String title, String snippet, Instant postedAt) {
}
