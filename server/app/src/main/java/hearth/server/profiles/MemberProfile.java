package hearth.server.profiles;

import hearth.server.accounts.Members.Role;
import java.time.Instant;

/** A member's profile as stored; what someone may see of it is {@link ProfileView}'s business. */
public record MemberProfile(long id, String username, String displayName, Role role, String bio, String bioHtml,
                            String location, String website, String pronouns, String timeZone, boolean profileHidden,
                            boolean presenceHidden, Instant joinedAt, Instant lastSeenAt) {
}
