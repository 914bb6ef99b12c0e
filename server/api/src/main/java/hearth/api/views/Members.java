package hearth.api.views;

import java.util.Optional;

/** Reads members (blocking: not from slot renderers, guards or policies). Deleted accounts are not found. */
public interface Members {

    /** The member with this id. */
    Optional<MemberView> byId(long id);

    /** The member with this username (any letter case). */
    Optional<MemberView> byUsername(String username);
}
