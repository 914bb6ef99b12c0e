package hearth.server.live;

import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open event stream: the response it writes to, the event loop that owns it, who is watching and what they
 * watch. Writes may be asked for from any thread; they happen on the stream's own event loop.
 */
final class LiveStream {

    /** What a stream follows besides its viewer's badge: one topic's new posts or new topics in a list. */
    sealed interface Watch permits Topic, Topics, Nothing {
    }

    /** New posts of a topic whose number is above what the page already shows. */
    record Topic(long topicId, long categoryId) implements Watch {
    }

    /** New topics in the lists (all categories when {@code categoryId} is 0). */
    record Topics(long categoryId) implements Watch {
    }

    /** Only the viewer's badge. */
    record Nothing() implements Watch {
    }

    private final HttpServerResponse response;
    private final Context context;
    private final Optional<Viewer> viewer;
    private final Map<String, Object> globals;
    private final String limitKey;
    private final Watch watch;
    private final Set<Long> newTopics = ConcurrentHashMap.newKeySet();
    private int shownPost;
    private int badge = -1;
    private volatile boolean closed;

    LiveStream(HttpServerResponse response, Context context, Optional<Viewer> viewer, Map<String, Object> globals,
               String limitKey, Watch watch, int shownPost) {
        this.response = response;
        this.context = context;
        this.viewer = viewer;
        this.globals = globals;
        this.limitKey = limitKey;
        this.watch = watch;
        this.shownPost = shownPost;
    }

    Optional<Viewer> viewer() {
        return viewer;
    }

    Optional<MemberView> member() {
        return viewer.map(Viewer::asMemberView);
    }

    /** The page globals of the viewer (viewer, CSRF token, time zone) for rendering fragments as their page would. */
    Map<String, Object> globals() {
        return globals;
    }

    String csrf() {
        return String.valueOf(globals.get("csrf"));
    }

    String limitKey() {
        return limitKey;
    }

    Watch watch() {
        return watch;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Claims post {@code number} for sending: true once per post and only above what the page showed, so a post
     * that arrives both live and in the catch-up after connecting is shown once.
     */
    synchronized boolean claimPost(int number) {
        if (number <= shownPost) {
            return false;
        }
        shownPost = number;
        return true;
    }

    /** Counts a new topic once; returns how many new topics the viewer has not seen, or 0 if it was counted. */
    int countNewTopic(long topicId) {
        return newTopics.add(topicId) ? newTopics.size() : 0;
    }

    /** Whether {@code unread} differs from what the badge shows now (and remembers it). */
    synchronized boolean badgeChanged(int unread) {
        if (badge == unread) {
            return false;
        }
        badge = unread;
        return true;
    }

    void send(String frame) {
        if (closed) {
            return;
        }
        context.runOnContext(v -> {
            if (closed) {
                return;
            }
            if (response.writeQueueFull()) {
                // A client that does not read would make us buffer without end: let it reconnect and catch up.
                end();
                return;
            }
            response.write(frame);
        });
    }

    /** Ends the response (on its event loop); the close handler then takes the stream out of the hub. */
    void end() {
        context.runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    void markClosed() {
        closed = true;
    }
}
