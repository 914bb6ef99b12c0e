package hearth.plugins.searchlucene.index;

import hearth.api.search.SearchHit;
import hearth.api.search.SearchSource;
import hearth.api.search.SearchSource.EventEntry;
import hearth.api.search.SearchSource.PostEntry;
import hearth.api.search.SearchSource.TopicEntry;
import hearth.api.views.CategoryView;
import hearth.api.views.Topics;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Brings items of the index up to date with the core: each refresh reads the item as it is now and writes its
 * document, or deletes it when the item is gone or no longer findable. Reading the current state (rather than
 * applying what an event says) makes replays harmless and the order of events irrelevant. While a rebuild holds the
 * index, refreshes are noted and applied when it is done, so nothing that changed during a rebuild is lost.
 */
public final class Indexer {

    /** What to refresh: one item, or a topic with all its posts. */
    public record Item(String type, long id, boolean withPosts) {

        public static Item topic(long id, boolean withPosts) {
            return new Item(SearchHit.TOPIC, id, withPosts);
        }

        public static Item post(long id) {
            return new Item(SearchHit.POST, id, false);
        }

        public static Item member(long id) {
            return new Item(SearchHit.MEMBER, id, false);
        }

        public static Item event(long id) {
            return new Item(SearchHit.EVENT, id, false);
        }
    }

    /** How many of each kind a rebuild has written so far, for the admin page. */
    public interface Progress {
        void indexed(String type, int count);
    }

    static final int PAGE = 500;

    private final SearchIndex index;
    private final SearchSource source;
    private final Topics topics;
    private final Set<Item> deferred = ConcurrentHashMap.newKeySet();

    public Indexer(SearchIndex index, SearchSource source, Topics topics) {
        this.index = index;
        this.source = source;
        this.topics = topics;
    }

    /** Refreshes the items now, or after the running rebuild. */
    public void refresh(List<Item> items) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        if (index.rebuilding()) {
            deferred.addAll(items);
            return;
        }
        Map<Long, CategoryView> categories = categories();
        index.change(writer -> {
            for (Item item : items) {
                apply(writer, item, categories);
            }
        });
    }

    /** Rewrites the whole index from the core, reporting progress, then applies what changed meanwhile. */
    public void rebuild(Instant startedAt, Progress progress) throws IOException {
        Map<Long, CategoryView> categories = categories();
        index.rebuild(startedAt, writer -> {
            // Topics first: posts need their topic's title, tags, category and status.
            Map<Long, TopicEntry> topicsById = new ConcurrentHashMap<>();
            pages(progress, SearchHit.TOPIC, source::topics, e -> e.topic().id(), e -> {
                topicsById.put(e.topic().id(), e);
                return topicDoc(e, categories);
            }, writer);
            pages(progress, SearchHit.POST, source::posts, e -> e.post().id(),
                    e -> Optional.ofNullable(topicsById.get(e.post().topicId()))
                            .flatMap(t -> postDoc(e, t, categories)), writer);
            topicsById.clear();
            pages(progress, SearchHit.MEMBER, source::members, e -> e.member().id(), Documents::member, writer);
            pages(progress, SearchHit.EVENT, source::events, EventEntry::id,
                    e -> Optional.ofNullable(categories.get(e.categoryId())).flatMap(c -> Documents.event(e, c)),
                    writer);
        });
        List<Item> meanwhile = List.copyOf(deferred);
        deferred.removeAll(meanwhile);
        refresh(meanwhile);
    }

    /** The topics and posts a member wrote, as the index has them: to rewrite them when the member leaves. */
    public List<Item> authored(long memberId) throws IOException {
        return indexed(LongPoint.newExactQuery(Fields.AUTHOR_ID, memberId), false);
    }

    /** The topics (with their posts) and events of a category, as the index has them: to rewrite them on a rename. */
    public List<Item> inCategory(long categoryId) throws IOException {
        return indexed(LongPoint.newExactQuery(Fields.CATEGORY, categoryId), true);
    }

    private List<Item> indexed(Query which, boolean topicsWithPosts) throws IOException {
        return index.read(searcher -> {
            TopDocs docs = searcher.search(which, Integer.MAX_VALUE);
            StoredFields stored = searcher.storedFields();
            List<Item> items = new ArrayList<>();
            for (ScoreDoc hit : docs.scoreDocs) {
                String[] key = stored.document(hit.doc, Set.of(Fields.KEY)).get(Fields.KEY).split(":");
                long id = Long.parseLong(key[1]);
                switch (key[0]) {
                    case SearchHit.TOPIC -> items.add(Item.topic(id, topicsWithPosts));
                    case SearchHit.POST -> {
                        if (!topicsWithPosts) { // else its topic rewrites it
                            items.add(Item.post(id));
                        }
                    }
                    case SearchHit.EVENT -> items.add(Item.event(id));
                    default -> items.add(Item.member(id));
                }
            }
            return items;
        });
    }

    @FunctionalInterface
    private interface Page<T> {
        List<T> after(long id, int limit);
    }

    private static <T> void pages(Progress progress, String type, Page<T> page, Function<T, Long> id,
                                  Function<T, Optional<Document>> doc, IndexWriter writer) throws IOException {
        long after = 0;
        int count = 0;
        progress.indexed(type, 0);
        while (true) {
            List<T> entries = page.after(after, PAGE);
            for (T entry : entries) {
                Optional<Document> d = doc.apply(entry);
                if (d.isPresent()) {
                    writer.addDocument(d.get());
                    count++;
                }
                after = id.apply(entry);
            }
            progress.indexed(type, count);
            if (entries.size() < PAGE) {
                return;
            }
        }
    }

    private void apply(IndexWriter writer, Item item, Map<Long, CategoryView> categories) throws IOException {
        switch (item.type()) {
            case SearchHit.TOPIC -> topic(writer, item, categories);
            case SearchHit.POST -> {
                Optional<PostEntry> post = source.post(item.id());
                Optional<TopicEntry> topic = post.flatMap(p -> source.topic(p.post().topicId()));
                put(writer, Documents.key(SearchHit.POST, item.id()),
                        topic.flatMap(t -> postDoc(post.get(), t, categories)));
            }
            case SearchHit.MEMBER -> put(writer, Documents.key(SearchHit.MEMBER, item.id()),
                    source.member(item.id()).flatMap(Documents::member));
            case SearchHit.EVENT -> put(writer, Documents.key(SearchHit.EVENT, item.id()),
                    source.event(item.id()).flatMap(e -> Optional.ofNullable(categories.get(e.categoryId()))
                            .flatMap(c -> Documents.event(e, c))));
            default -> throw new IllegalArgumentException("Unknown item type " + item.type());
        }
    }

    private void topic(IndexWriter writer, Item item, Map<Long, CategoryView> categories) throws IOException {
        Optional<TopicEntry> topic = source.topic(item.id());
        put(writer, Documents.key(SearchHit.TOPIC, item.id()), topic.flatMap(t -> topicDoc(t, categories)));
        if (!item.withPosts()) {
            return;
        }
        // Every post carries its topic's category, tags and status: rewrite them all, or drop them all.
        writer.deleteDocuments(new BooleanQuery.Builder()
                .add(LongPoint.newExactQuery(Fields.TOPIC_ID, item.id()), Occur.FILTER)
                .add(new TermInSetQuery(Fields.TYPE, List.of(new BytesRef(SearchHit.POST))), Occur.FILTER)
                .build());
        if (topic.isEmpty() || !Documents.findable(topic.get())) {
            return;
        }
        int from = 1;
        while (true) {
            List<PostEntry> posts = source.topicPosts(item.id(), from, PAGE);
            for (PostEntry post : posts) {
                Optional<Document> doc = postDoc(post, topic.get(), categories);
                if (doc.isPresent()) {
                    writer.addDocument(doc.get());
                }
                from = post.post().number() + 1;
            }
            if (posts.size() < PAGE) {
                return;
            }
        }
    }

    private static void put(IndexWriter writer, String key, Optional<Document> doc) throws IOException {
        Term term = new Term(Fields.KEY, key);
        if (doc.isPresent()) {
            writer.updateDocument(term, doc.get());
        } else {
            writer.deleteDocuments(term);
        }
    }

    private static Optional<Document> topicDoc(TopicEntry topic, Map<Long, CategoryView> categories) {
        return Optional.ofNullable(categories.get(topic.topic().categoryId())).flatMap(c -> Documents.topic(topic, c));
    }

    private static Optional<Document> postDoc(PostEntry post, TopicEntry topic, Map<Long, CategoryView> categories) {
        return Optional.ofNullable(categories.get(topic.topic().categoryId()))
                .flatMap(c -> Documents.post(post, topic, c));
    }

    private Map<Long, CategoryView> categories() {
        return topics.categories().stream().collect(Collectors.toMap(CategoryView::id, c -> c));
    }
}
