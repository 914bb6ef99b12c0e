package hearth.server.announcements;

import java.time.Instant;
import java.util.Locale;

/**
 * The site's announcement banner as saved: Markdown and its sanitised HTML, who sees it, until when, whether it is
 * on. {@code version} grows with every save, so dismissing hides only the version that was read.
 */
public record Announcement(String markdown, String html, Audience audience, Instant endsAt, boolean enabled,
                           int version) {

    /** Who sees the banner. */
    public enum Audience {
        EVERYONE, MEMBERS, VISITORS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Audience parse(String typed) {
            for (Audience audience : values()) {
                if (audience.key().equals(typed)) {
                    return audience;
                }
            }
            throw new hearth.api.errors.InvalidInput("audience", "Choose everyone, members or visitors.");
        }
    }

    static final Announcement NONE = new Announcement("", "", Audience.EVERYONE, null, false, 0);

    /** Whether someone (a member or a visitor) should see it now, before any dismissal. */
    public boolean showsTo(boolean member, Instant now) {
        if (!enabled || markdown.isBlank() || (endsAt != null && !endsAt.isAfter(now))) {
            return false;
        }
        return audience == Audience.EVERYONE || (audience == Audience.MEMBERS) == member;
    }
}
