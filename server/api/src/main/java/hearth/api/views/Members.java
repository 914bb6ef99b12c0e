package hearth.api.views;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads members (blocking: not from slot renderers, guards or policies). Deleted accounts are not found. */
public interface Members {

    /** The member with this id. */
    Optional<MemberView> byId(long id);

    /** The member with this username (any letter case). */
    Optional<MemberView> byUsername(String username);

    /**
     * Accounts waiting for a moderator's approval after signing up, oldest first: at most {@code limit}.
     *
     * @since 1.1.0
     */
    List<Applicant> awaitingApproval(int limit);

    /**
     * What the member did from {@code since} until now (reads, topics, replies, likes), for trust levels and reports.
     *
     * @since 1.2.0
     */
    MemberActivity activity(long memberId, Instant since);
}
