package hearth.plugins.searchlucene.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.api.errors.InvalidInput;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuerySyntaxTest {

    @Test
    void readsEveryFilter() {
        ParsedQuery q = QuerySyntax.parse("compost \"worm bin\" -smell -\"fruit flies\" @Maya #Garden-Help tag:Soil"
                + " tag:diy in:title status:solved after:2025-01-01 before:2025-02-01 order:likes");
        assertEquals(List.of("compost"), q.words());
        assertEquals(List.of("worm bin"), q.phrases());
        assertEquals(List.of("smell", "fruit flies"), q.excluded());
        assertEquals(Optional.of("maya"), q.author());
        assertEquals(Optional.of("garden-help"), q.category());
        assertEquals(List.of("soil", "diy"), q.tags());
        assertTrue(q.titleOnly());
        assertEquals(Optional.of("solved"), q.status());
        assertEquals(Optional.of(Instant.parse("2025-01-01T00:00:00Z")), q.after());
        assertEquals(Optional.of(Instant.parse("2025-02-01T00:00:00Z")), q.before());
        assertEquals(ParsedQuery.Order.LIKES, q.order());
    }

    @Test
    void plainTextIsWordsAndAnUnclosedQuoteRunsToTheEnd() {
        ParsedQuery q = QuerySyntax.parse("  a-b  \"open phrase ");
        assertEquals(List.of("a-b"), q.words());
        assertEquals(List.of("open phrase"), q.phrases());
        assertEquals(ParsedQuery.Order.RELEVANCE, q.order());
        ParsedQuery filtersOnly = QuerySyntax.parse("tag:x @a - #");
        assertFalse(filtersOnly.hasText() && filtersOnly.words().contains("tag:x"));
        assertEquals(List.of("-", "#"), filtersOnly.words(), "a lone dash or hash is a word, not a filter");
    }

    @Test
    void unknownFilterValuesAreRefusedWithWhatTheyTake() {
        assertEquals("status: takes solved, unsolved, open or closed.",
                assertThrows(InvalidInput.class, () -> QuerySyntax.parse("status:maybe")).getMessage());
        assertEquals("in: takes title (in:title searches titles only).",
                assertThrows(InvalidInput.class, () -> QuerySyntax.parse("in:body")).getMessage());
        assertTrue(assertThrows(InvalidInput.class, () -> QuerySyntax.parse("before:31/01/2025")).getMessage()
                .startsWith("before: takes a date written YYYY-MM-DD"));
        assertEquals("order: takes relevance, latest or likes.",
                assertThrows(InvalidInput.class, () -> QuerySyntax.parse("order:random")).getMessage());
    }
}
