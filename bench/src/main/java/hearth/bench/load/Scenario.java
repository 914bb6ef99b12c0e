package hearth.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The scenarios bench/run.sh knows, in the order they run. */
enum Scenario {
    UPPER_BOUND("upper-bound", "Trivial Vert.x endpoint (this machine's ceiling)"),
    TOPIC_ANON("topic-anon", "Topic page, 20 replies, anonymous"),
    TOPIC_MEMBER("topic-member", "Topic page, 20 replies, signed in"),
    TOPIC_JSON("topic-json", "Topic JSON (GET /api/v1/topics/{id})"),
    TOPIC_LIST("topic-list", "Topic list (/latest)"),
    CATEGORY("category", "Category page"),
    PROFILE("profile", "Member profile"),
    POST("post", "Replies created (API, 200 topics, members in turn)"),
    LIVE("live", "Live fan-out: a new post reaching N open streams"),
    // Last: the core's plain search scans every post, and its queries outlive the load that sent them.
    SEARCH("search", "Search");

    final String id;
    final String title;

    Scenario(String id, String title) {
        this.id = id;
        this.title = title;
    }

    static Optional<Scenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(s -> s.id).toList();
    }
}
