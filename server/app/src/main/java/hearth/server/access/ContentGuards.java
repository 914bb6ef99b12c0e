package hearth.server.access;

import hearth.api.content.ContentGuard;
import hearth.api.content.Draft;
import hearth.api.content.Verdict;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.Owned;
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
        Verdict held = null;
        for (Owned<ContentGuard> guard : active.guards()) {
            Verdict verdict = faults.call(guard, "content guard", () -> guard.value().check(draft), Verdict.accept());
            if (verdict == null) {
                continue;
            }
            if (verdict.outcome() == Verdict.Outcome.REJECT) {
                return verdict;
            }
            if (verdict.outcome() == Verdict.Outcome.HOLD_FOR_REVIEW && held == null) {
                held = verdict;
            }
        }
        return held == null ? Verdict.accept() : held;
    }
}
