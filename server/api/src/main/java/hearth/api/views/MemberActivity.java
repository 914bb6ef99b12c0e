package hearth.api.views;

/**
 * What a member did on the site in a period, counted from the core's records.
 *
 * @param topicsEntered  topics they opened and read at least the first post of
 * @param postsRead      posts they had on screen (the furthest post read in each of those topics, added up)
 * @param topicsCreated  topics they started (public, not deleted)
 * @param replies        replies they wrote (public, not deleted)
 * @param likesGiven     likes they gave
 * @param likesReceived  likes their posts received
 * @since 1.2.0
 */
public record MemberActivity(int topicsEntered, int postsRead, int topicsCreated, int replies, int likesGiven,
                             int likesReceived) {
}
