package hearth.plugins.searchlucene.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class SearchAnalyzerTest {

    private final Analyzer analyzer = new SearchAnalyzer();

    private List<String> terms(String field, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    @Test
    void stemsEnglishLightlyWithoutConflatingDifferentWords() throws IOException {
        assertEquals(terms(Fields.BODY, "post"), terms(Fields.BODY, "posts"));
        assertEquals(terms(Fields.BODY, "garden"), terms(Fields.BODY, "gardens"));
        assertEquals(terms(Fields.BODY, "redis"), terms(Fields.BODY, "Redis"));
        assertNotEquals(terms(Fields.BODY, "redis"), terms(Fields.BODY, "redirect"));
        assertNotEquals(terms(Fields.BODY, "universe"), terms(Fields.BODY, "university"), "Porter would conflate");
        assertEquals(List.of("maya"), terms(Fields.BODY, "Maya's"), "possessives go");
    }

    @Test
    void foldsAccentsAndWidthsAndPairsCjkCharacters() throws IOException {
        assertEquals(List.of("cafe"), terms(Fields.BODY, "Café"));
        assertEquals(List.of("uber"), terms(Fields.BODY, "Über"));
        assertEquals(List.of("東京", "京タ", "タワ", "ワー"), terms(Fields.BODY, "東京タワー"));
        assertEquals(List.of("abc"), terms(Fields.BODY, "ＡＢＣ"), "full-width letters");
    }

    @Test
    void theSpellingFieldKeepsWordsAsTyped() throws IOException {
        assertEquals(List.of("gardens"), terms(Fields.SPELL, "Gardens"));
        assertEquals(List.of("cafe"), terms(Fields.SPELL, "café"));
    }
}
