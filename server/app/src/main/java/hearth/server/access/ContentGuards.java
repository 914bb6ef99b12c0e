package hearth.server.access;

import hearth.api.content.Draft;
import hearth.api.content.Verdict;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.PluginFaults;

/**
 * Puts text through the enabled plugins' content guards before it is saved: any REJECT refuses it (the first
 * guard's reason, by plugin id), else any HOLD_FOR_REVIEW holds it, else it is accepted. A guard that throws is
 * skipped. In memory only, so it may run inside the saving transaction.
 */
public final class ContentGuards {

    private final ActivePlugins active;
    private final PluginFaults faults;

    public ContentGuards(ActivePlugins active, PluginFaults faults) {
        this.active = active;
        this.faults = faults;
    }

    public Verdict review(Draft draft) {
        return Verdicts.strictest(active.guards(), faults, "content guard", guard -> guard.check(draft));
    }
}
