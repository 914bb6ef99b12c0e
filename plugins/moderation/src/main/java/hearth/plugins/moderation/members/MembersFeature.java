package hearth.plugins.moderation.members;

import hearth.api.Contributions;
import hearth.plugins.moderation.Toolkit;

/** TODO(moderation): this part's contributions. */
public final class MembersFeature {

    private MembersFeature() {
    }

    public static void contribute(Contributions site, Toolkit kit) {
    }
}
