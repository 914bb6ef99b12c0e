package hearth.server.access;

import hearth.api.content.SignUp;
import hearth.api.content.SignUpGuard;
import hearth.api.content.Verdict;
import hearth.server.plugins.ActivePlugins;
import hearth.server.plugins.Owned;
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
        Verdict held = null;
        for (Owned<SignUpGuard> guard : active.signUpGuards()) {
            Verdict verdict = faults.call(guard, "sign-up guard", () -> guard.value().check(signUp), Verdict.accept());
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
