package hearth.plugins.searchlucene.query;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.search.SearchHit;
import hearth.api.search.SearchProvider;
import hearth.api.search.SearchQuery;
import hearth.api.search.SearchResults;
import hearth.api.views.CategoryView;
import hearth.api.views.MemberView;
import hearth.api.views.Topics;
import hearth.plugins.searchlucene.index.Fields;
import hearth.plugins.searchlucene.index.SearchIndex;
import hearth.plugins.searchlucene.log.SearchLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;

/**
 * The site search, answered from the index: permission-filtered, ranked by BM25 with a title boost and a gentle
 * freshness and likes boost, highlighted, and typo-tolerant (with fewer than {@link #FEW} hits it searches again
 * allowing a typo per word and offers a corrected query). While the index is being built from nothing it answers
 * null, so the core's plain search answers instead.
 */
public final class IndexSearch implements SearchProvider {

    /** Fewer hits than this and the search tries again with typos allowed, and suggests a spelling. */
    static final int FEW = 3;
    private static final Sort LATEST = new Sort(new SortField(Fields.CREATED, SortField.Type.LONG, true));
    private static final Sort LIKES = new Sort(new SortField(Fields.LIKES, SortField.Type.LONG, true),
            SortField.FIELD_SCORE, new SortField(Fields.CREATED, SortField.Type.LONG, true));

    private final SearchIndex index;
    private final Topics topics;
    private final Permissions permissions;
    private final SearchLog log;
    private final Clock clock;
    private final LuceneQueries queries;
    private final Snippets snippets;

    public IndexSearch(SearchIndex index, Topics topics, Permissions permissions, SearchLog log, Clock clock) {
        this.index = index;
        this.topics = topics;
        this.permissions = permissions;
        this.log = log;
        this.clock = clock;
        this.queries = new LuceneQueries(index.analyzer());
        this.snippets = new Snippets(index.analyzer());
    }

    @Override
    public SearchResults search(SearchQuery query) throws IOException {
        if (!index.complete()) {
            return null;
        }
        ParsedQuery parsed = QuerySyntax.parse(query.text());
        Query allowed = LuceneQueries.allowed(readableCategories(query.viewer()), query.viewer().isPresent());
        SearchResults results = index.read(searcher -> {
            SearchResults exact = run(searcher, parsed, allowed, query, false);
            if (exact.total() >= FEW || parsed.words().isEmpty()) {
                return exact;
            }
            SearchResults fuzzy = run(searcher, parsed, allowed, query, true);
            Optional<String> suggestion = suggest(searcher.getIndexReader(), query.text(), parsed);
            SearchResults better = fuzzy.total() > exact.total() ? fuzzy : exact;
            return new SearchResults(better.hits(), better.total(), suggestion);
        });
        if (query.offset() == 0) {
            log.record(query.text(), query.viewer().isPresent(), results.total());
        }
        return results;
    }

    /** The categories whose topics the viewer may read, as the site's permissions say now. */
    private List<Long> readableCategories(Optional<MemberView> viewer) {
        List<Long> ids = new ArrayList<>();
        for (CategoryView category : topics.categories()) {
            if (permissions.allows(viewer, "discussions.see", Scope.category(category.id()))) {
                ids.add(category.id());
            }
        }
        return ids;
    }

    private SearchResults run(IndexSearcher searcher, ParsedQuery parsed, Query allowed, SearchQuery query,
                              boolean fuzzy) throws IOException {
        Query text = queries.text(parsed, fuzzy);
        Query filtered = queries.filtered(text, parsed, allowed);
        int wanted = query.offset() + query.limit();
        TopDocs top;
        if (parsed.order() == ParsedQuery.Order.RELEVANCE && parsed.hasText()) {
            Query boosted = FunctionScoreQuery.boostByValue(filtered, new Freshness(clock.millis()));
            top = searcher.search(boosted, wanted);
        } else {
            top = searcher.search(filtered, wanted, parsed.order() == ParsedQuery.Order.LIKES ? LIKES : LATEST, true);
        }
        ScoreDoc[] docs = top.scoreDocs;
        int from = Math.min(query.offset(), docs.length);
        int[] ids = new int[docs.length - from];
        for (int i = from; i < docs.length; i++) {
            ids[i - from] = docs[i].doc;
        }
        return new SearchResults(hits(searcher, text, ids), top.totalHits.value());
    }

    private List<SearchHit> hits(IndexSearcher searcher, Query text, int[] ids) throws IOException {
        if (ids.length == 0) {
            return List.of();
        }
        StoredFields stored = searcher.storedFields();
        List<Document> docs = new ArrayList<>(ids.length);
        for (int id : ids) {
            docs.add(stored.document(id));
        }
        List<Snippets.Snippet> shown = snippets.of(searcher, text, Fields.BODY, ids);
        Map<Long, String> titles = topicTitles(searcher, docs);
        List<SearchHit> hits = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            Document doc = docs.get(i);
            String type = doc.get(Fields.TYPE);
            long topicId = doc.getField(Fields.TOPIC_ID) == null ? 0 : doc.getField(Fields.TOPIC_ID).numericValue()
                    .longValue();
            int number = doc.getField(Fields.POST_NUMBER) == null ? 0 : doc.getField(Fields.POST_NUMBER)
                    .numericValue().intValue();
            String title = SearchHit.POST.equals(type) ? titles.getOrDefault(topicId, "") : doc.get(Fields.TITLE);
            Instant at = Instant.ofEpochMilli(doc.getField(Fields.CREATED).numericValue().longValue());
            Snippets.Snippet snippet = shown.get(i);
            hits.add(new SearchHit(topicId, number, title, snippet.text(), at, type, doc.get(Fields.URL),
                    snippet.marks()));
        }
        return hits;
    }

    /** The titles of the topics of the post hits, from the topics' own documents. */
    private static Map<Long, String> topicTitles(IndexSearcher searcher, List<Document> docs) throws IOException {
        List<BytesRef> keys = new ArrayList<>();
        for (Document doc : docs) {
            if (SearchHit.POST.equals(doc.get(Fields.TYPE))) {
                keys.add(new BytesRef(SearchHit.TOPIC + ":" + doc.getField(Fields.TOPIC_ID).numericValue()));
            }
        }
        Map<Long, String> titles = new HashMap<>();
        if (keys.isEmpty()) {
            return titles;
        }
        TopDocs found = searcher.search(new TermInSetQuery(Fields.KEY, keys), keys.size());
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc hit : found.scoreDocs) {
            Document topic = stored.document(hit.doc, Set.of(Fields.TOPIC_ID, Fields.TITLE));
            titles.put(topic.getField(Fields.TOPIC_ID).numericValue().longValue(), topic.get(Fields.TITLE));
        }
        return titles;
    }

    /**
     * "Did you mean": each word the index does not know replaced by the closest, more frequent word it knows (from
     * unstemmed text); empty when no word was corrected.
     */
    private Optional<String> suggest(IndexReader reader, String typed, ParsedQuery parsed) throws IOException {
        DirectSpellChecker checker = new DirectSpellChecker();
        String corrected = typed;
        boolean changed = false;
        for (String word : parsed.words()) {
            List<String> terms = queries.analyze(Fields.SPELL, word);
            if (terms.size() != 1) {
                continue; // punctuation, or CJK pairs: no spelling to correct
            }
            Term term = new Term(Fields.SPELL, terms.getFirst());
            if (reader.docFreq(term) > 0) {
                continue;
            }
            SuggestWord[] best = checker.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            if (best.length > 0) {
                corrected = replaceWord(corrected, word, best[0].string);
                changed = true;
            }
        }
        return changed ? Optional.of(corrected) : Optional.empty();
    }

    private static String replaceWord(String text, String word, String replacement) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(word.toLowerCase(Locale.ROOT));
        return at < 0 ? text : text.substring(0, at) + replacement + text.substring(at + word.length());
    }
}
