package hearth.plugins.moderation.guards;

import hearth.api.Contributions;
import hearth.plugins.moderation.Toolkit;

/** TODO(moderation): this part's contributions. */
public final class GuardsFeature {

    private GuardsFeature() {
    }

    public static void contribute(Contributions site, Toolkit kit) {
    }
}
