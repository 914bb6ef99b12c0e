package hearth.server.discussions;

import hearth.api.access.Role;
import hearth.server.plugins.Contribution.PermissionSpec;
import java.util.Map;
import java.util.Set;

/**
 * The core's discussion permissions, asked with a category or topic scope. Defaults: everyone (visitors too) sees,
 * members start topics and reply, moderators moderate (which includes editing others' posts, retitling and moving
 * topics; those are also permissions of their own, so a plugin can grant them without the rest).
 */
public final class DiscussionPermissions {

    public static final String SEE = "discussions.see";
    public static final String START_TOPIC = "discussions.start-topic";
    public static final String REPLY = "discussions.reply";
    public static final String MODERATE = "discussions.moderate";
    /** Edit the text and title of anyone's posts (not delete them); e.g. for trusted members (trust level 4). */
    public static final String EDIT_OTHERS = "discussions.edit-others";
    /** Change the title of anyone's topic; e.g. for regulars (trust level 3). */
    public static final String RETITLE = "discussions.retitle";
    /** Move a topic out of and into categories where one has it; e.g. for regulars (trust level 3). */
    public static final String RECATEGORISE = "discussions.recategorise";

    private DiscussionPermissions() {
    }

    public static Map<String, PermissionSpec> defaults() {
        return Map.of(
                SEE, new PermissionSpec(SEE, "See a category and its topics", Set.of(Role.MEMBER), true),
                START_TOPIC, new PermissionSpec(START_TOPIC, "Start topics", Set.of(Role.MEMBER)),
                REPLY, new PermissionSpec(REPLY, "Reply to topics", Set.of(Role.MEMBER)),
                MODERATE, new PermissionSpec(MODERATE, "Moderate topics and posts", Set.of(Role.MODERATOR)),
                EDIT_OTHERS, new PermissionSpec(EDIT_OTHERS, "Edit anyone's posts and titles (not delete them)",
                        Set.of(Role.MODERATOR)),
                RETITLE, new PermissionSpec(RETITLE, "Change the title of anyone's topic", Set.of(Role.MODERATOR)),
                RECATEGORISE, new PermissionSpec(RECATEGORISE, "Move topics between categories (from and to where"
                        + " one has this permission)", Set.of(Role.MODERATOR)));
    }
}
