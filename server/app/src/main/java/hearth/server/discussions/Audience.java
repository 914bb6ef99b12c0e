package hearth.server.discussions;

import hearth.api.errors.InvalidInput;
import hearth.api.views.MemberView;
import java.util.Locale;
import java.util.Optional;

/** The least audience that may do something in a category; each includes the ones after it. */
public enum Audience {
    EVERYONE, MEMBERS, MODERATORS, ADMINS;

    /** As stored and typed: {@code everyone}, {@code members}, {@code moderators}, {@code admins}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Audience parse(String typed, String field) {
        for (Audience audience : values()) {
            if (audience.key().equals(typed)) {
                return audience;
            }
        }
        throw new InvalidInput(field, "Choose everyone, members, moderators or admins.");
    }

    /** Whether {@code member} (empty: a visitor) belongs to this audience. */
    public boolean includes(Optional<MemberView> member) {
        int rank = member.map(m -> m.role().ordinal() + 1).orElse(0); // visitor 0, member 1, moderator 2, admin 3
        return rank >= ordinal();
    }
}
