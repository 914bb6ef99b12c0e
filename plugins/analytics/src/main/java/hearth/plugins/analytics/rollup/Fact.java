package hearth.plugins.analytics.rollup;

import java.time.Instant;

/**
 * One journal entry the dashboard counts, as the plugin keeps it (its own copy of the journal, from which every
 * roll-up is rebuilt).
 *
 * @param position   the entry's journal position
 * @param kind       one of the constants below
 * @param at         when it was recorded; for an event, when it starts
 * @param memberId   who acted (joined, wrote, liked, flagged, settled) or became a volunteer
 * @param topicId    the topic it is about, or 0
 * @param categoryId that topic's category, or 0
 * @param refId      post number (post), 1 for a question (topic), the liked post's author (like, unlike), flag id
 *                   (flag, resolve), event id (event, rsvp, checkin, cancel), the answer's post id (accept,
 *                   unaccept), else 0
 * @param answer     the answer (rsvp: going, interested, ...), else null
 */
public record Fact(long position, String kind, Instant at, long memberId, long topicId, long categoryId, long refId,
                   String answer) {

    public static final String JOIN = "join";
    public static final String TOPIC = "topic";
    public static final String POST = "post";
    public static final String LIKE = "like";
    public static final String UNLIKE = "unlike";
    public static final String FLAG = "flag";
    public static final String RESOLVE = "resolve";
    public static final String HIDE = "hide";
    public static final String VOLUNTEER = "volunteer";
    public static final String EVENT = "event";
    public static final String RSVP = "rsvp";
    public static final String CHECKIN = "checkin";
    public static final String CANCEL = "cancel";
    public static final String ACCEPT = "accept";
    public static final String UNACCEPT = "unaccept";
}
