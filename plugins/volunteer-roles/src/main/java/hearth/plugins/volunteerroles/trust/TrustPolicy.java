package hearth.plugins.volunteerroles.trust;

import hearth.api.access.AccessRequest;
import hearth.api.access.Decision;
import hearth.api.access.Role;
import hearth.api.settings.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What trust levels unlock for members (staff have it all anyway): flagging from {@code flag-level} on, and for each
 * level the permissions admins list for it (e.g. {@code discussions.retitle} at level 3). Below the flag level,
 * flagging is denied; the unlocks only ever allow.
 */
public final class TrustPolicy {

    /** The moderation plugin's permission to flag. */
    static final String FLAG = "moderation.flag";

    private final TrustLevels levels;
    private final Setting<Integer> flagLevel;
    private final List<Setting<String>> unlocks;
    private final Map<String, Set<String>> parsed = new ConcurrentHashMap<>();

    /** {@code unlocks}: for levels 1 to 4, the comma-separated permission keys each unlocks. */
    public TrustPolicy(TrustLevels levels, Setting<Integer> flagLevel, List<Setting<String>> unlocks) {
        this.levels = levels;
        this.flagLevel = flagLevel;
        this.unlocks = unlocks;
    }

    public Decision decide(AccessRequest request) {
        if (request.member().isEmpty() || request.member().get().role() != Role.MEMBER) {
            return Decision.ABSTAIN;
        }
        int level = levels.level(request.member().get().id());
        if (request.permission().equals(FLAG) && level < flagLevel.get()) {
            return Decision.DENY;
        }
        for (int unlocked = 1; unlocked <= Math.min(level, unlocks.size()); unlocked++) {
            if (keys(unlocks.get(unlocked - 1).get()).contains(request.permission())) {
                return Decision.ALLOW;
            }
        }
        return Decision.ABSTAIN;
    }

    /** The permission keys of one unlocks setting, split once per value it takes, not on every permission check. */
    private Set<String> keys(String setting) {
        return parsed.computeIfAbsent(setting, raw -> Arrays.stream(raw.split(",")).map(String::strip)
                .filter(key -> !key.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }
}
