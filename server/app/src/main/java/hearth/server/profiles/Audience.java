package hearth.server.profiles;

import hearth.server.accounts.Viewer;
import java.util.Optional;

/**
 * Who is looking at a member's profile, which decides what they see: the member themself and staff see everything
 * (a private profile, hidden presence, staff-only fields); logged-in members see members-only fields; anonymous
 * visitors see what is public.
 */
public enum Audience {
    ANONYMOUS, MEMBER, SELF, STAFF;

    public static Audience of(Optional<Viewer> viewer, long memberId) {
        if (viewer.isEmpty()) {
            return ANONYMOUS;
        }
        if (viewer.get().memberId() == memberId) {
            return SELF;
        }
        return viewer.get().isStaff() ? STAFF : MEMBER;
    }

    /** Sees past the member's privacy choices. */
    public boolean seesEverything() {
        return this == SELF || this == STAFF;
    }

    public boolean seesProfile(boolean profileHidden) {
        return !profileHidden || seesEverything();
    }

    public boolean seesPresence(boolean profileHidden, boolean presenceHidden) {
        return seesEverything() || !(profileHidden || presenceHidden);
    }
}
