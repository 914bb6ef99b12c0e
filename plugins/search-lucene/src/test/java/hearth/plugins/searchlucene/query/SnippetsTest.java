package hearth.plugins.searchlucene.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.search.SearchHit.Mark;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void marksBecomeRangesOfThePlainText() {
        Snippets.Snippet s = Snippets.parse("Feed the \uE000worms\uE001 with \uE000peelings\uE001.");
        assertEquals("Feed the worms with peelings.", s.text());
        assertEquals(List.of(new Mark(9, 14), new Mark(20, 28)), s.marks());
    }

    @Test
    void aLongPassageIsCutAroundItsFirstMark() {
        String before = "Compost needs air and patience. ".repeat(10);
        String after = " Turn it weekly. ".repeat(10);
        Snippets.Snippet s = Snippets.parse(before + "Add \uE000bokashi\uE001 bran." + after);
        assertTrue(s.text().length() <= Snippets.LENGTH + 2, s.text());
        assertTrue(s.text().startsWith("…") && s.text().endsWith("…"), s.text());
        Mark mark = s.marks().getFirst();
        assertEquals("bokashi", s.text().substring(mark.start(), mark.end()));
    }
}
