package hearth.plugins.moderation.review;

import hearth.api.Contributions;
import hearth.plugins.moderation.Toolkit;

/** TODO(moderation): this part's contributions. */
public final class ReviewFeature {

    private ReviewFeature() {
    }

    public static void contribute(Contributions site, Toolkit kit) {
    }
}
