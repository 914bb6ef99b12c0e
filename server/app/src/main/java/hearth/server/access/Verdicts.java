package hearth.server.access;

import hearth.api.content.Verdict;
import hearth.server.plugins.Owned;
import hearth.server.plugins.PluginFaults;
import java.util.List;

/**
 * Asks a list of plugin guards and keeps the strictest answer: the first REJECT (by plugin id) wins, else the first
 * HOLD_FOR_REVIEW, else accept. A guard that throws is skipped (its fault counted in admin).
 */
final class Verdicts {

    /** One guard's check of the subject. */
    @FunctionalInterface
    interface Check<G> {
        Verdict of(G guard) throws Exception;
    }

    private Verdicts() {
    }

    static <G> Verdict strictest(List<Owned<G>> guards, PluginFaults faults, String place, Check<G> check) {
        Verdict held = null;
        for (Owned<G> guard : guards) {
            Verdict verdict = faults.call(guard, place, () -> check.of(guard.value()), Verdict.accept());
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
