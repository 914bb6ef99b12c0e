package hearth.plugins.searchlucene.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.plugins.searchlucene.index.Fields;
import hearth.plugins.searchlucene.index.SearchAnalyzer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** Newer and liked content ranks a little higher, never above a clearly better match. */
class FreshnessTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static Document doc(String key, String body, Duration age, int likes) {
        Document doc = new Document();
        doc.add(new StringField(Fields.KEY, key, Field.Store.YES));
        doc.add(new TextField(Fields.BODY, body, Field.Store.NO));
        doc.add(new NumericDocValuesField(Fields.CREATED, NOW.minus(age).toEpochMilli()));
        doc.add(new NumericDocValuesField(Fields.LIKES, likes));
        return doc;
    }

    private static List<String> ranked(List<Document> docs, String word) throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new SearchAnalyzer()))) {
                writer.addDocuments(docs);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                ScoreDoc[] hits = searcher.search(FunctionScoreQuery.boostByValue(
                        new TermQuery(new Term(Fields.BODY, word)), new Freshness(NOW.toEpochMilli())), 10).scoreDocs;
                return Arrays.stream(hits).map(h -> {
                    try {
                        return searcher.storedFields().document(h.doc).get(Fields.KEY);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
            }
        }
    }

    @Test
    void breaksTiesTowardsNewerAndMoreLiked() throws IOException {
        assertEquals(List.of("new", "old"), ranked(List.of(doc("old", "mulch", Duration.ofDays(900), 0),
                doc("new", "mulch", Duration.ofDays(2), 0)), "mulch"));
        assertEquals(List.of("liked", "plain"), ranked(List.of(doc("plain", "mulch", Duration.ofDays(30), 0),
                doc("liked", "mulch", Duration.ofDays(30), 15)), "mulch"));
    }

    @Test
    void neverLiftsAWeakMatchAboveAStrongOne() throws IOException {
        List<String> order = ranked(List.of(
                doc("weak", "mulch and many other words about the garden beds and paths and sheds", Duration.ZERO, 50),
                doc("strong", "mulch mulch mulch", Duration.ofDays(2000), 0)), "mulch");
        assertEquals("strong", order.getFirst(), order.toString());
        assertTrue(order.contains("weak"));
    }
}
