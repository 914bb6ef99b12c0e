package hearth.server.discussions;

import hearth.api.access.Role;
import hearth.server.plugins.Contribution.PermissionSpec;
import java.util.Map;
import java.util.Set;

/**
 * The core's discussion permissions, asked with a category or topic scope. Defaults: everyone (visitors too) sees,
 * members start topics and reply, moderators moderate.
 */
public final class DiscussionPermissions {

    public static final String SEE = "discussions.see";
    public static final String START_TOPIC = "discussions.start-topic";
    public static final String REPLY = "discussions.reply";
    public static final String MODERATE = "discussions.moderate";

    private DiscussionPermissions() {
    }

    public static Map<String, PermissionSpec> defaults() {
        return Map.of(
                SEE, new PermissionSpec(SEE, "See a category and its topics", Set.of(Role.MEMBER), true),
                START_TOPIC, new PermissionSpec(START_TOPIC, "Start topics", Set.of(Role.MEMBER)),
                REPLY, new PermissionSpec(REPLY, "Reply to topics", Set.of(Role.MEMBER)),
                MODERATE, new PermissionSpec(MODERATE, "Moderate topics and posts", Set.of(Role.MODERATOR)));
    }
}
