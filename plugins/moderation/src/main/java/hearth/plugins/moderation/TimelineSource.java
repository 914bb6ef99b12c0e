package hearth.plugins.moderation;

import java.util.List;

/**
 * A source of a member's timeline: posts, the audit log, notes, appeals, and whatever other parts of the plugin know
 * about a member (flags given and received). The timeline merges every source, newest first. Sources block (database
 * reads); they run in page handlers only.
 */
public interface TimelineSource {

    /** The member's newest items from this source, newest first: at most {@code limit}. */
    List<TimelineItem> about(long memberId, int limit);
}
