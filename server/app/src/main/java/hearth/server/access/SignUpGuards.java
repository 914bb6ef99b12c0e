package hearth.server.access;

import hearth.api.content.SignUp;
import hearth.api.content.Verdict;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.PluginFaults;

/**
 * Puts each sign-up through the enabled plugins' sign-up guards before the account is created: any REJECT refuses
 * it (the first guard's reason, by plugin id), else any HOLD_FOR_REVIEW creates it waiting for approval. A guard that
 * throws is skipped. In memory only.
 */
public final class SignUpGuards {

    private final ActivePlugins active;
    private final PluginFaults faults;

    public SignUpGuards(ActivePlugins active, PluginFaults faults) {
        this.active = active;
        this.faults = faults;
    }

    public Verdict review(SignUp signUp) {
        return Verdicts.strictest(active.signUpGuards(), faults, "sign-up guard", guard -> guard.check(signUp));
    }
}
