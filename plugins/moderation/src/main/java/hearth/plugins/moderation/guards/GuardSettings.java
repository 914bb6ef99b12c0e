package hearth.plugins.moderation.guards;

import hearth.api.settings.Setting;
import hearth.api.settings.SettingsBuilder;
import hearth.api.views.MemberView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The content guards' settings. The plugin is bundled and enabled on every site, so every default lets ordinary posts
 * through: the limits for new members are generous, first-post approval and the spam heuristics are off until an
 * admin turns them on (a heuristic that holds or refuses by default would catch honest people who paste the same
 * greeting twice).
 *
 * <p>A <em>new member</em> joined less than {@code new-member-hours} ago <em>and</em> has written fewer than
 * {@code new-member-posts} public posts. The join time is the reliable half: the core passes no post count with an
 * edit (it passes 0), so an edit is judged by the join time alone.
 */
public record GuardSettings(Setting<Integer> newMemberHours, Setting<Integer> newMemberPosts,
                            Setting<Integer> newMemberLinks, Setting<Integer> newMemberMentions,
                            Setting<Boolean> approveFirstPosts, Setting<String> duplicatePosts,
                            Setting<Integer> duplicateMinutes, Setting<String> fastTyper,
                            Setting<Integer> fastTyperCharsPerSecond, Setting<Integer> crisisSlowModeSeconds,
                            Setting<Boolean> approveSignUps) {

    /** What a heuristic does when it fires. */
    public static final List<String> HEURISTIC = List.of("off", "hold", "block");

    public static GuardSettings declare(SettingsBuilder settings) {
        return new GuardSettings(
                settings.number("new-member-hours", "A member counts as new for this many hours after joining",
                        24, 0, 24 * 90),
                settings.number("new-member-posts", "... and until they have written this many public posts",
                        3, 0, 1000),
                settings.number("new-member-links", "Most links in one post by a new member", 5, 0, 100),
                settings.number("new-member-mentions", "Most @mentions in one post by a new member", 5, 0, 100),
                settings.toggle("approve-first-posts", "Hold the first post of a new member for approval", false),
                settings.choice("duplicate-posts", "The same text posted again in another topic by a new member",
                        "off", HEURISTIC),
                settings.number("duplicate-minutes", "... within this many minutes", 10, 1, 24 * 60),
                settings.choice("fast-typer", "A new member posting a long text faster than anyone types",
                        "off", HEURISTIC),
                settings.number("fast-typer-chars-per-second", "... that is, more characters per second since their "
                        + "previous post than", 15, 1, 1000),
                settings.number("crisis-slow-mode-seconds", "In crisis mode, seconds between replies in a topic",
                        60, 1, SlowModes.MAX_SECONDS),
                settings.toggle("approve-sign-ups", "Hold every sign-up for a moderator's approval", false));
    }

    /** Whether the author is a new member (see the class comment). */
    public boolean isNew(MemberView author, int authorPosts, Clock clock) {
        boolean recent = author.joinedAt() != null
                && author.joinedAt().isAfter(clock.instant().minus(Duration.ofHours(newMemberHours.get())));
        return recent && authorPosts < newMemberPosts.get();
    }
}
