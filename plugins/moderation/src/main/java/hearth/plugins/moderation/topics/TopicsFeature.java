package hearth.plugins.moderation.topics;

import hearth.api.Contributions;
import hearth.plugins.moderation.Toolkit;

/** TODO(moderation): this part's contributions. */
public final class TopicsFeature {

    private TopicsFeature() {
    }

    public static void contribute(Contributions site, Toolkit kit) {
    }
}
