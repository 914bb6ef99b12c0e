package hearth.plugins.searchlucene.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.search.SearchHit.Mark;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void marksBecomeRangesOfThePlainText() {
        Snippets.Snippet s = Snippets.parse("Feed the \uE000worms\uE001 with \uE000peelings\uE001.");
        assertEquals("Feed the worms with peelings.", s.text());
        assertEquals(List.of(new Mark(9, 14), new Mark(20, 28)), s.marks());
    }

    @Test
    void matchesReachingPastThePassageOrOverlappingAreCut() {
        String content = "Sow thinly. Thin out later";
        Passage passage = new Passage();
        passage.setStartOffset(0);
        passage.setEndOffset(11); // "Sow thinly."
        passage.addMatch(0, 3, new BytesRef("sow"), 1);
        passage.addMatch(2, 10, new BytesRef("w thinly"), 1); // overlaps the one before
        passage.addMatch(4, 17, new BytesRef("thinly thin"), 1); // a phrase past the passage's end
        Snippets.Snippet s = Snippets.parse((String) new Snippets.Marking().format(new Passage[] {passage}, content));
        assertEquals("Sow thinly.", s.text());
        assertEquals(List.of(new Mark(0, 3), new Mark(3, 10), new Mark(10, 11)), s.marks());
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
