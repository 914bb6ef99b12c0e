package hearth.bench.search;

import hearth.api.access.Role;
import hearth.api.search.SearchSource;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.views.PostView;
import hearth.api.views.TopicView;
import hearth.bench.generate.Prose;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A community that exists only as a function of ids: post {@code n} and topic {@code t} are generated from the seed
 * when asked for, the same every time, so a million posts need no database and no memory. The time spent generating
 * is counted, to be left out of the indexing rate.
 */
final class GeneratedSource implements SearchSource {

    static final int POSTS_PER_TOPIC = 20;
    static final List<String> TAGS = List.of("compost", "seeds", "tools", "events", "help", "soil", "water", "bees");
    static final List<CategoryView> CATEGORIES = List.of(new CategoryView(1, 0, "General", "general"),
            new CategoryView(2, 0, "Help", "help"), new CategoryView(3, 0, "Events & meetups", "events"),
            new CategoryView(4, 0, "Seeds", "seeds"), new CategoryView(5, 0, "Tools", "tools"),
            new CategoryView(6, 0, "Staff", "staff"));
    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

    private final long posts;
    private final long members;
    private final long seed;
    private final Prose prose;
    private long generatingNanos;

    GeneratedSource(long posts, long seed) {
        this.posts = posts;
        this.members = Math.max(10, posts / 50);
        this.seed = seed;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            names.add("member" + i);
        }
        this.prose = new Prose(names);
    }

    long topicCount() {
        return (posts + POSTS_PER_TOPIC - 1) / POSTS_PER_TOPIC;
    }

    Duration generating() {
        return Duration.ofNanos(generatingNanos);
    }

    private SplittableRandom random(String kind, long id) {
        return new SplittableRandom(seed * 1_000_003L + kind.hashCode() * 31L + id);
    }

    private Instant at(long postId) {
        return START.plusSeconds(postId * 600);
    }

    TopicEntry topicEntry(long id) {
        long began = System.nanoTime();
        SplittableRandom r = random("topic", id);
        String title = prose.title(r);
        long category = CATEGORIES.get((int) (id % CATEGORIES.size())).id();
        List<String> tags = List.of(TAGS.get(r.nextInt(TAGS.size())), TAGS.get(r.nextInt(TAGS.size()))).stream()
                .distinct().toList();
        long firstPost = (id - 1) * POSTS_PER_TOPIC + 1;
        TopicView view = new TopicView(id, category, 1 + id % members, title, POSTS_PER_TOPIC - 1, at(firstPost),
                new TopicView.State(r.nextInt(10) == 0, false, "none", false, false));
        boolean question = category == 2;
        TopicEntry entry = new TopicEntry(view, "member" + (1 + id % 200), tags, question,
                question && r.nextBoolean(), at(firstPost + POSTS_PER_TOPIC), r.nextInt(30));
        generatingNanos += System.nanoTime() - began;
        return entry;
    }

    PostEntry postEntry(long id) {
        long began = System.nanoTime();
        SplittableRandom r = random("post", id);
        long topic = (id - 1) / POSTS_PER_TOPIC + 1;
        int number = (int) ((id - 1) % POSTS_PER_TOPIC) + 1;
        long author = 1 + r.nextLong(members);
        PostEntry entry = new PostEntry(new PostView(id, topic, author, number, "", at(id), false),
                "member" + author, prose.body(r), r.nextInt(12));
        generatingNanos += System.nanoTime() - began;
        return entry;
    }

    @Override
    public List<TopicEntry> topics(long afterId, int limit) {
        List<TopicEntry> out = new ArrayList<>();
        for (long id = afterId + 1; id <= topicCount() && out.size() < limit; id++) {
            out.add(topicEntry(id));
        }
        return out;
    }

    @Override
    public Optional<TopicEntry> topic(long id) {
        return id >= 1 && id <= topicCount() ? Optional.of(topicEntry(id)) : Optional.empty();
    }

    @Override
    public List<PostEntry> posts(long afterId, int limit) {
        List<PostEntry> out = new ArrayList<>();
        for (long id = afterId + 1; id <= posts && out.size() < limit; id++) {
            out.add(postEntry(id));
        }
        return out;
    }

    @Override
    public Optional<PostEntry> post(long id) {
        return id >= 1 && id <= posts ? Optional.of(postEntry(id)) : Optional.empty();
    }

    @Override
    public List<PostEntry> topicPosts(long topicId, int fromNumber, int limit) {
        List<PostEntry> out = new ArrayList<>();
        for (int n = fromNumber; n <= POSTS_PER_TOPIC && out.size() < limit; n++) {
            post((topicId - 1) * POSTS_PER_TOPIC + n).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<MemberEntry> members(long afterId, int limit) {
        List<MemberEntry> out = new ArrayList<>();
        for (long id = afterId + 1; id <= members && out.size() < limit; id++) {
            out.add(member(id).orElseThrow());
        }
        return out;
    }

    @Override
    public Optional<MemberEntry> member(long id) {
        if (id < 1 || id > members) {
            return Optional.empty();
        }
        MemberView view = new MemberView(id, "member" + id, "Member " + id, Role.MEMBER, false, START);
        return Optional.of(new MemberEntry(view, "I grow " + TAGS.get((int) (id % TAGS.size())) + ".", true));
    }

    @Override
    public List<EventEntry> events(long afterId, int limit) {
        return List.of();
    }

    @Override
    public Optional<EventEntry> event(long id) {
        return Optional.empty();
    }
}
