package hearth.plugins.volunteerroles.trust;

import hearth.api.access.Role;
import hearth.api.content.ContentGuard;
import hearth.api.content.Draft;
import hearth.api.content.Verdict;
import hearth.api.settings.Setting;
import java.util.regex.Pattern;

/** Level 0 members may put only a few links and images in a post, the commonest trick of spam sign-ups. */
public final class NewcomerLinks implements ContentGuard {

    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*]\\(|<img\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("https?://", Pattern.CASE_INSENSITIVE);

    private final TrustLevels levels;
    private final Setting<Integer> maxLinks;
    private final Setting<Integer> maxImages;

    public NewcomerLinks(TrustLevels levels, Setting<Integer> maxLinks, Setting<Integer> maxImages) {
        this.levels = levels;
        this.maxLinks = maxLinks;
        this.maxImages = maxImages;
    }

    @Override
    public Verdict check(Draft draft) {
        if (draft.author().role() != Role.MEMBER || levels.level(draft.author().id()) > 0) {
            return Verdict.accept();
        }
        long images = IMAGE.matcher(draft.body()).results().count();
        long links = LINK.matcher(draft.body()).results().count() - images;
        if (images > maxImages.get()) {
            return Verdict.reject("New members can put at most " + maxImages.get() + " image(s) in a post; read and"
                    + " take part a little first, and the limit goes.");
        }
        if (links > maxLinks.get()) {
            return Verdict.reject("New members can put at most " + maxLinks.get() + " link(s) in a post; read and"
                    + " take part a little first, and the limit goes.");
        }
        return Verdict.accept();
    }
}
