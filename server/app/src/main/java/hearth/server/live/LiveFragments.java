package hearth.server.live;

import hearth.server.discussions.TopicReader;
import hearth.server.web.Templates;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The HTML that live events carry, from the theme's templates, so a live post looks exactly like one on the page.
 * A post is rendered once per audience (role and time zone) with a placeholder for the CSRF token, which is filled
 * in per viewer when sending.
 */
final class LiveFragments {

    private static final String CSRF_PLACEHOLDER = "live-csrf-placeholder-7f3a";

    private final Templates templates;

    LiveFragments(Templates templates) {
        this.templates = templates;
    }

    /** Who sees the same markup of a post: visitors, its author, or members of one role; per time zone. */
    static String audience(LiveStream stream, TopicReader.Post post) {
        String who = stream.viewer().map(v -> v.memberId() == post.authorId() ? "author" : v.role().name())
                .orElse("visitor");
        return who + "|" + stream.globals().get("zone");
    }

    /** The post as {@code stream}'s audience sees it, with the token still a placeholder (see {@link #forStream}). */
    String post(LiveStream stream, TopicReader.Post post) {
        Map<String, Object> model = new HashMap<>(stream.globals());
        model.put("csrf", CSRF_PLACEHOLDER);
        model.put("post", post);
        // A post that has only just been written has no likes or bookmarks yet.
        model.put("likes", Map.of());
        model.put("liked", Set.of());
        model.put("bookmarked", Set.of());
        return templates.render("post", model);
    }

    static String forStream(String html, LiveStream stream) {
        return html.replace(CSRF_PLACEHOLDER, stream.csrf());
    }

    String newTopics(int count) {
        return templates.render("live-new-topics", Map.of("count", count));
    }

    String badge(int unread) {
        return templates.render("notification-badge", Map.of("unreadNotifications", unread));
    }
}
