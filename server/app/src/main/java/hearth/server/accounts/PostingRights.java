package hearth.server.accounts;

import hearth.server.site.SiteSettings;
import java.util.Optional;

/**
 * Whether a member may write (topics, replies, reactions that create content): not while silenced, and not before
 * confirming their email address when the site requires it. Features that write ask this before anything else.
 */
public final class PostingRights {

    private final SiteSettings settings;

    public PostingRights(SiteSettings settings) {
        this.settings = settings;
    }

    /** Why the viewer may not post, for the person to read; empty when they may. */
    public Optional<String> whyNot(Viewer viewer) {
        if (viewer.silenced()) {
            return Optional.of("Your account is silenced: you can read, but not post, for now. Your messages say why.");
        }
        if (!viewer.emailVerified() && settings.isOn(SiteSettings.Key.REQUIRE_VERIFIED_EMAIL_TO_POST)) {
            return Optional.of("Please confirm your email address first: open the link we sent you.");
        }
        return Optional.empty();
    }
}
