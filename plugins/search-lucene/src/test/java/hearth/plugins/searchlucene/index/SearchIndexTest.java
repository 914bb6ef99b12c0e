package hearth.plugins.searchlucene.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index that is missing, unreadable or of another schema version is started afresh; a good one is kept. */
class SearchIndexTest {

    @TempDir
    Path dir;

    private static Document doc(String key) {
        Document doc = new Document();
        doc.add(new StringField(Fields.KEY, key, Field.Store.YES));
        return doc;
    }

    private static int count(SearchIndex index) throws IOException {
        return index.read(searcher -> searcher.count(new MatchAllDocsQuery()));
    }

    private SearchIndex built() throws IOException {
        SearchIndex index = new SearchIndex(dir, new SearchAnalyzer());
        index.open();
        index.rebuild(java.time.Instant.now(), writer -> {
            writer.addDocument(doc("post:1"));
            writer.addDocument(doc("post:2"));
        });
        return index;
    }

    @Test
    void aMissingIndexIsToBeBuiltAndIsNotCompleteUntilThen() throws IOException {
        SearchIndex index = new SearchIndex(dir, new SearchAnalyzer());
        assertEquals(Optional.of("there is no index yet"), index.open());
        assertFalse(index.complete(), "searches go to the core meanwhile");
        assertEquals(0, count(index));
        index.rebuild(java.time.Instant.now(), writer -> writer.addDocument(doc("post:1")));
        assertTrue(index.complete());
        assertEquals(1, count(index));
    }

    @Test
    void aGoodIndexIsKeptAndChangesAreVisibleAtOnce() throws IOException {
        built();
        SearchIndex reopened = new SearchIndex(dir, new SearchAnalyzer());
        assertEquals(Optional.empty(), reopened.open(), "no writer is left holding a lock");
        assertTrue(reopened.complete());
        assertEquals(2, count(reopened));
        reopened.change(writer -> writer.addDocument(doc("post:3")));
        reopened.flush(); // what the commit thread does a moment after a change
        assertEquals(3, count(reopened));
        SearchIndex again = new SearchIndex(dir, new SearchAnalyzer());
        assertEquals(Optional.empty(), again.open(), "a change keeps the schema version in its commit");
    }

    @Test
    void changesCommitThemselvesAMomentLater() throws Exception {
        SearchIndex index = built();
        index.change(writer -> writer.addDocument(doc("post:3")));
        long deadline = System.currentTimeMillis() + 5_000;
        while (count(index) != 3) {
            assertTrue(System.currentTimeMillis() < deadline, "not committed within 5 s");
            Thread.sleep(10);
        }
        assertFalse(Files.exists(dir.resolve("uncommitted.marker")));
    }

    @Test
    void changesThatDiedUncommittedMakeTheNextStartRebuild() throws IOException {
        built();
        Files.writeString(dir.resolve("uncommitted.marker"), "as a change leaves it until its commit");
        SearchIndex index = new SearchIndex(dir, new SearchAnalyzer());
        assertEquals(Optional.of("changes were lost when the server stopped before committing them"), index.open());
        assertFalse(index.complete());
    }

    @Test
    void anIndexOfAnotherSchemaVersionIsRebuilt() throws IOException {
        built();
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig())) {
            writer.setLiveCommitData(Map.of(Fields.SCHEMA_KEY, "0").entrySet());
            writer.commit();
        }
        SearchIndex index = new SearchIndex(dir, new SearchAnalyzer());
        Optional<String> why = index.open();
        assertTrue(why.orElseThrow().contains("another version (schema 0, this one " + Fields.SCHEMA_VERSION + ")"),
                why.toString());
        assertEquals(0, count(index), "the old documents are gone");
    }

    @Test
    void aCorruptIndexIsWipedAndRebuilt() throws IOException {
        built();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")
                    || f.getFileName().toString().startsWith("_")).toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        SearchIndex index = new SearchIndex(dir, new SearchAnalyzer());
        Optional<String> why = index.open();
        assertTrue(why.orElseThrow().startsWith("the index could not be read"), why.toString());
        index.rebuild(java.time.Instant.now(), writer -> writer.addDocument(doc("post:9")));
        assertEquals(1, count(index));
    }
}
