package hearth.plugins.searchlucene.query;

import hearth.api.search.SearchHit;
import hearth.plugins.searchlucene.index.Documents;
import hearth.plugins.searchlucene.index.Fields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a {@link ParsedQuery} into Lucene queries: the text part (what is scored and highlighted) and the filters
 * (what is allowed, never scored). Every word must match, in the title (weighted {@link #TITLE_BOOST} times) or the
 * text; a title equal to the whole query wins outright.
 */
final class LuceneQueries {

    static final float TITLE_BOOST = 3f;
    static final float EXACT_TITLE_BOOST = 50f;

    private final Analyzer analyzer;
    private final QueryBuilder builder;

    LuceneQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.builder = new QueryBuilder(analyzer);
    }

    /** What the words and phrases match, scored; {@code fuzzy} lets each word be off by a typo or two. */
    Query text(ParsedQuery query, boolean fuzzy) {
        if (!query.hasText()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : query.words()) {
            Query match = either(query.titleOnly(), field -> fuzzy ? fuzzy(field, word) : builder.createBooleanQuery(
                    field, word, Occur.MUST));
            if (match == null) {
                continue; // punctuation only: nothing to match
            }
            all.add(match, Occur.MUST);
        }
        for (String phrase : query.phrases()) {
            Query match = either(query.titleOnly(), field -> builder.createPhraseQuery(field, phrase));
            if (match != null) {
                all.add(match, Occur.MUST);
            }
        }
        String exact = Documents.normalised(query.text());
        if (!exact.isEmpty()) {
            all.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE_EXACT, exact)), EXACT_TITLE_BOOST), Occur.SHOULD);
        }
        BooleanQuery built = all.build();
        return built.clauses().stream().anyMatch(c -> c.occur() == Occur.MUST) ? built : new MatchNoDocsQuery();
    }

    /** The filters: what the viewer may see (given) and what the query narrows to, unscored. */
    Query filtered(Query text, ParsedQuery query, Query allowed) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, Occur.MUST).add(allowed, Occur.FILTER);
        for (String excluded : query.excluded()) {
            Query match = either(false, field -> builder.createPhraseQuery(field, excluded));
            if (match != null) {
                b.add(match, Occur.MUST_NOT);
            }
        }
        query.author().ifPresent(a -> b.add(new TermQuery(new Term(Fields.AUTHOR, a)), Occur.FILTER));
        query.category().ifPresent(c -> b.add(new TermQuery(new Term(Fields.CATEGORY_SLUG, c)), Occur.FILTER));
        for (String tag : query.tags()) {
            b.add(new TermQuery(new Term(Fields.TAG, tag)), Occur.FILTER);
        }
        query.status().ifPresent(s -> b.add(new TermQuery(new Term(Fields.STATUS, s)), Occur.FILTER));
        if (query.after().isPresent() || query.before().isPresent()) {
            long from = query.after().map(i -> i.toEpochMilli()).orElse(Long.MIN_VALUE);
            long to = query.before().map(i -> i.toEpochMilli() - 1).orElse(Long.MAX_VALUE);
            b.add(LongPoint.newRangeQuery(Fields.CREATED, from, to), Occur.FILTER);
        }
        if (query.titleOnly()) {
            b.add(types(List.of(SearchHit.TOPIC, SearchHit.EVENT, SearchHit.MEMBER)), Occur.FILTER);
        }
        return b.build();
    }

    /**
     * What a viewer may find: members; topics and posts of the categories they may read; and events of those
     * categories that are public, or for members when they are signed in.
     */
    static Query allowed(Collection<Long> readableCategories, boolean signedIn) {
        Query categories = LongPoint.newSetQuery(Fields.CATEGORY,
                readableCategories.stream().mapToLong(Long::longValue).toArray());
        Query content = new BooleanQuery.Builder().add(categories, Occur.FILTER)
                .add(types(List.of(SearchHit.TOPIC, SearchHit.POST)), Occur.FILTER).build();
        List<String> visibilities = signedIn ? List.of("public", "members") : List.of("public");
        Query events = new BooleanQuery.Builder().add(categories, Occur.FILTER)
                .add(types(List.of(SearchHit.EVENT)), Occur.FILTER)
                .add(terms(Fields.VISIBILITY, visibilities), Occur.FILTER).build();
        return new BooleanQuery.Builder()
                .add(content, Occur.SHOULD).add(events, Occur.SHOULD)
                .add(types(List.of(SearchHit.MEMBER)), Occur.SHOULD)
                .setMinimumNumberShouldMatch(1).build();
    }

    private static Query types(List<String> types) {
        return terms(Fields.TYPE, types);
    }

    private static Query terms(String field, List<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private interface PerField {
        Query query(String field);
    }

    /** The match in the title (boosted) or in the text; null when the text has no terms at all. */
    private static Query either(boolean titleOnly, PerField perField) {
        Query title = perField.query(Fields.TITLE);
        Query body = titleOnly ? null : perField.query(Fields.BODY);
        if (title == null && body == null) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (title != null) {
            b.add(new BoostQuery(title, TITLE_BOOST), Occur.SHOULD);
        }
        if (body != null) {
            b.add(body, Occur.SHOULD);
        }
        return b.build();
    }

    /** Each term of {@code word} within one edit (two from eight letters on); short words must match exactly. */
    private Query fuzzy(String field, String word) {
        List<String> terms = analyze(field, word);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String term : terms) {
            int edits = term.length() >= 8 ? 2 : term.length() >= 4 ? 1 : 0;
            Term t = new Term(field, term);
            b.add(edits == 0 ? new TermQuery(t) : new FuzzyQuery(t, edits, 1), Occur.MUST);
        }
        return b.build();
    }

    /** The terms the analyzer makes of {@code text} in {@code field}. */
    List<String> analyze(String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysing a string in memory does no I/O
        }
        return terms;
    }
}
