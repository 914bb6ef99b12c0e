package hearth.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Snippets: plain text, about 160 characters, whole words, the match inside. */
class SnippetTest {

    @Test
    void aShortPostIsShownWholeAsPlainText() {
        assertEquals("Title Some bold and a link, then code.", Snippet.around("""
                # Title

                > Some **bold** and [a link](https://example.org), then `code`.
                """, "bold"));
    }

    @Test
    void tablesListsAndFencesLoseTheirSyntax() {
        assertEquals("one two Bed Threshold Herbs 0.25 for bed in beds: water(bed)", Snippet.plainText("""
                1. one
                - two

                | Bed   | Threshold |
                |-------|-----------|
                | Herbs | 0.25      |

                ```python
                for bed in beds: water(bed)
                ```
                """));
    }

    @Test
    void aLongPostIsCutToWholeWordsAroundTheFirstMatch() {
        String words = "alpha beta gamma delta epsilon ".repeat(20);
        String snippet = Snippet.around(words + "the Needle is here " + words, "needle");
        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
        assertTrue(snippet.contains("the Needle is here"), snippet);
        assertTrue(snippet.length() <= Snippet.LENGTH + 2, snippet.length() + ": " + snippet);
        String inner = snippet.substring(1, snippet.length() - 1);
        assertTrue(words.contains(inner.substring(0, inner.indexOf("the Needle"))), "whole words: " + snippet);
    }

    @Test
    void aMatchAtTheEndShowsTheEndAndAMissShowsTheStart() {
        String words = "alpha beta gamma delta epsilon ".repeat(20);
        assertTrue(Snippet.around(words + "omega", "omega").endsWith("epsilon omega"));
        assertTrue(Snippet.around(words, "not there").startsWith("alpha beta"));
    }

    @Test
    void likeWildcardsAndTheEscapeCharacterAreEscaped() {
        assertEquals("5!%!_off!!", PlainSearch.escapeLike("5%_off!"));
    }
}
