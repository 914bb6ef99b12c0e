package hearth.server.live;

import static hearth.server.db.schema.tables.Notifications.NOTIFICATIONS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import hearth.api.events.PostCreated;
import hearth.api.events.TopicCreated;
import hearth.server.db.Database;
import hearth.server.db.JournalDispatcher;
import hearth.server.discussions.DiscussionPermissions;
import hearth.server.discussions.TopicReader;
import hearth.server.notifications.MemberNotifications;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.exception.NoDataFoundException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's live updates: the open event streams, fed from the journal (so what another node commits arrives
 * too) and from notification changes. A fragment is rendered once per event and audience, not per client; no
 * stream holds a database connection; every stream gets a keep-alive comment regularly; a member or an address
 * may hold only so many streams at once.
 */
public final class LiveHub implements EventListener, AutoCloseable {

    /** The hub's name among the journal's followers. */
    public static final String ID = "core.live";

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    /**
     * How many streams one member and one visitor address may hold, how often to send a keep-alive, and how often
     * to recount badges of connected members (for notifications another node wrote).
     */
    public record Limits(int perMember, int perAddress, Duration heartbeat, Duration badgeSweep) {
        public static final Limits DEFAULT = new Limits(8, 16, Duration.ofSeconds(20), Duration.ofSeconds(15));
    }

    private final Vertx vertx;
    private final Database db;
    private final Permissions permissions;
    private final MemberNotifications notifications;
    private final LiveFragments fragments;
    private final Limits limits;
    private final TopicReader reader = new TopicReader();
    private final Set<LiveStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<Long, Set<LiveStream>> byTopic = new ConcurrentHashMap<>();
    private final Map<Long, Set<LiveStream>> byMember = new ConcurrentHashMap<>();
    private final Set<LiveStream> lists = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final Set<Long> badgesDue = ConcurrentHashMap.newKeySet();
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean closed;

    public LiveHub(Vertx vertx, Database db, Permissions permissions, MemberNotifications notifications,
                   hearth.server.web.Templates templates, Limits limits) {
        this.vertx = vertx;
        this.db = db;
        this.permissions = permissions;
        this.notifications = notifications;
        this.fragments = new LiveFragments(templates);
        this.limits = limits;
    }

    /** Starts following the journal and notifications, and the keep-alive and badge timers. */
    public void start(JournalDispatcher dispatcher) {
        dispatcher.follow(ID, this);
        notifications.watch(this::badgeMayHaveChanged);
        timers.add(vertx.setPeriodic(limits.heartbeat().toMillis(), tick -> streams.forEach(s -> s.send(SseFrame.PING))));
        timers.add(vertx.setPeriodic(limits.badgeSweep().toMillis(), tick -> {
            if (!byMember.isEmpty()) {
                work.submit(this::sweepBadges);
            }
        }));
    }

    LiveFragments fragments() {
        return fragments;
    }

    TopicReader reader() {
        return reader;
    }

    /** Runs rendering and sending off the event loop (plugins' slots may take their time). */
    void fragmentsWork(Runnable job) {
        work.submit(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("Live update not sent: {}", e.toString());
            }
        });
    }

    /** Takes one of the key's stream slots; false when it holds all it may. */
    boolean reserve(String limitKey) {
        int limit = limitKey.startsWith("member:") ? limits.perMember() : limits.perAddress();
        boolean[] taken = {false};
        open.compute(limitKey, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit || closed) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    void release(String limitKey) {
        open.computeIfPresent(limitKey, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Starts sending to a stream whose slot was reserved; false when the hub is closing. */
    boolean add(LiveStream stream) {
        if (closed) {
            return false;
        }
        streams.add(stream);
        stream.viewer().ifPresent(v -> byMember.computeIfAbsent(v.memberId(), id -> ConcurrentHashMap.newKeySet())
                .add(stream));
        switch (stream.watch()) {
            case LiveStream.Topic topic -> byTopic.computeIfAbsent(topic.topicId(),
                    id -> ConcurrentHashMap.newKeySet()).add(stream);
            case LiveStream.Topics ignored -> lists.add(stream);
            case LiveStream.Nothing ignored -> {
            }
        }
        return true;
    }

    /** Forgets a stream whose client went away (or that was ended); safe to call more than once. */
    void remove(LiveStream stream) {
        stream.markClosed();
        if (!streams.remove(stream)) {
            return;
        }
        stream.viewer().ifPresent(v -> byMember.computeIfPresent(v.memberId(), (id, set) -> {
            set.remove(stream);
            return set.isEmpty() ? null : set;
        }));
        if (stream.watch() instanceof LiveStream.Topic topic) {
            byTopic.computeIfPresent(topic.topicId(), (id, set) -> {
                set.remove(stream);
                return set.isEmpty() ? null : set;
            });
        }
        lists.remove(stream);
        release(stream.limitKey());
    }

    /** How many streams are open on this node. */
    public int streamCount() {
        return streams.size();
    }

    @Override
    public void on(JournalEntry entry) {
        if (closed) {
            return;
        }
        switch (entry.event()) {
            case PostCreated post -> posted(post);
            case TopicCreated topic -> topicStarted(topic);
            default -> {
            }
        }
    }

    private void posted(PostCreated created) {
        Set<LiveStream> watching = byTopic.get(created.topicId());
        if (watching == null || watching.isEmpty()) {
            return;
        }
        Optional<Map.Entry<TopicReader.Topic, TopicReader.Post>> found = db.query(sql -> {
            try {
                return reader.find(sql, created.topicId()).map(t -> Map.entry(t, reader.post(sql, created.postId())));
            } catch (NoDataFoundException gone) {
                return Optional.empty(); // deleted before we got to it
            }
        });
        found.ifPresent(pair -> sendPost(List.copyOf(watching), pair.getKey(), pair.getValue()));
    }

    /** Sends a post to the streams that may see its topic and do not show it yet, rendering once per audience. */
    void sendPost(List<LiveStream> to, TopicReader.Topic topic, TopicReader.Post post) {
        Map<String, String> rendered = new HashMap<>();
        for (LiveStream stream : to) {
            if (stream.closed() || !maySee(stream, topic.categoryId()) || !stream.claimPost(post.number())) {
                continue;
            }
            String html = rendered.computeIfAbsent(LiveFragments.audience(stream, post),
                    audience -> fragments.post(stream, post));
            stream.send(SseFrame.event("post", LiveFragments.forStream(html, stream)));
        }
    }

    private void topicStarted(TopicCreated topic) {
        Map<Integer, String> banners = new HashMap<>();
        for (LiveStream stream : lists) {
            long category = ((LiveStream.Topics) stream.watch()).categoryId();
            if (category == 0 || category == topic.categoryId()) {
                countNewTopic(stream, topic.topicId(), topic.categoryId(), banners);
            }
        }
    }

    /** Counts a topic for a list stream if its viewer may see it, and sends the new count. */
    void countNewTopic(LiveStream stream, long topicId, long categoryId, Map<Integer, String> banners) {
        if (stream.closed() || !maySee(stream, categoryId)) {
            return;
        }
        int count = stream.countNewTopic(topicId);
        if (count > 0) {
            stream.send(SseFrame.event("new-topics", banners.computeIfAbsent(count, fragments::newTopics)));
        }
    }

    private boolean maySee(LiveStream stream, long categoryId) {
        return permissions.allows(stream.member(), DiscussionPermissions.SEE, Scope.category(categoryId));
    }

    /** After a committed change to a member's notifications: recount off the caller's thread, once per burst. */
    private void badgeMayHaveChanged(long memberId) {
        if (closed || !byMember.containsKey(memberId) || !badgesDue.add(memberId)) {
            return;
        }
        work.submit(() -> {
            badgesDue.remove(memberId);
            try {
                sendBadge(memberId, db.query(sql -> notifications.unread(sql, memberId)));
            } catch (RuntimeException e) {
                log.warn("Live badge of member {} not sent: {}", memberId, e.toString());
            }
        });
    }

    /** Notifications written on another node change no cache here: recount every connected member's, in one query. */
    private void sweepBadges() {
        List<Long> members = List.copyOf(byMember.keySet());
        try {
            for (int from = 0; from < members.size(); from += 500) {
                List<Long> chunk = members.subList(from, Math.min(members.size(), from + 500));
                Map<Long, Integer> unread = new HashMap<>();
                db.query(sql -> sql.select(NOTIFICATIONS.MEMBER_ID, DSL.count())
                        .from(NOTIFICATIONS)
                        .where(NOTIFICATIONS.MEMBER_ID.in(chunk), NOTIFICATIONS.READ_AT.isNull())
                        .groupBy(NOTIFICATIONS.MEMBER_ID)
                        .fetch())
                        .forEach(row -> unread.put(row.value1(), row.value2()));
                chunk.forEach(member -> sendBadge(member, unread.getOrDefault(member, 0)));
            }
        } catch (RuntimeException e) {
            log.warn("Live badges not recounted: {}", e.toString());
        }
    }

    private void sendBadge(long memberId, int unread) {
        Set<LiveStream> theirs = byMember.get(memberId);
        if (theirs == null) {
            return;
        }
        String html = null;
        for (LiveStream stream : theirs) {
            if (stream.badgeChanged(unread)) {
                html = html != null ? html : fragments.badge(unread);
                stream.send(SseFrame.event("badge", html));
            }
        }
    }

    /** Ends every stream (browsers reconnect to another node or after the restart) and stops the timers. */
    @Override
    public void close() {
        closed = true;
        timers.forEach(vertx::cancelTimer);
        streams.forEach(LiveStream::end);
        work.shutdown();
    }
}
