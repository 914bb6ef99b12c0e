package hearth.server.profiles;

import hearth.server.accounts.Sessions;

/**
 * Forgets what is cached about a member after their profile or preferences changed (the display name in the
 * sessions' viewer, the theme and time zone), so their next page shows the change. Other nodes catch up within the
 * caches' 30 seconds.
 */
public final class ProfileCaches {

    private final Sessions sessions;
    private final MemberPreferences preferences;

    public ProfileCaches(Sessions sessions, MemberPreferences preferences) {
        this.sessions = sessions;
        this.preferences = preferences;
    }

    public void forget(long memberId) {
        sessions.forgetMember(memberId, 0);
        preferences.forget(memberId);
    }
}
