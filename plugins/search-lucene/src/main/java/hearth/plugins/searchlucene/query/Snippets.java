package hearth.plugins.searchlucene.query;

import hearth.api.search.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Snippets with the matched words marked: Lucene's unified highlighter picks the best passage, which comes back as
 * plain text plus the ranges to highlight, so the page escapes the text and adds the marks itself (no markup from
 * the index ever reaches a page). Matches are delimited with two private-use characters the index never holds.
 */
final class Snippets {

    static final int LENGTH = 200;
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    /** A snippet and its highlighted ranges. */
    record Snippet(String text, List<SearchHit.Mark> marks) {
    }

    private final Analyzer analyzer;

    Snippets(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** One snippet per document, in the order of {@code docIds}, from {@code field}. */
    List<Snippet> of(IndexSearcher searcher, Query query, String field, int[] docIds) throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new Marking())
                .withHandleMultiTermQuery(true) // fuzzy matches are highlighted too
                .withMaxNoHighlightPassages(1) // a hit found by its title still shows the start of its text
                .build();
        int[] passages = new int[] {1};
        String[] marked = highlighter.highlightFields(new String[] {field}, query, docIds, passages).get(field);
        List<Snippet> out = new ArrayList<>(docIds.length);
        for (String text : marked) {
            out.add(parse(text == null ? "" : text));
        }
        return out;
    }

    /** Reads the marked passage and trims it to {@link #LENGTH} characters around its first mark. */
    static Snippet parse(String marked) {
        StringBuilder text = new StringBuilder(marked.length());
        List<SearchHit.Mark> marks = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == OPEN) {
                start = text.length();
            } else if (c == CLOSE) {
                if (start >= 0) {
                    marks.add(new SearchHit.Mark(start, text.length()));
                }
                start = -1;
            } else {
                text.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
            }
        }
        if (text.length() <= LENGTH) {
            return new Snippet(text.toString().strip(), stripped(marks, text.toString()));
        }
        int first = marks.isEmpty() ? 0 : marks.getFirst().start();
        int from = Math.max(0, Math.min(first - LENGTH / 4, text.length() - LENGTH));
        int space = from == 0 ? 0 : text.indexOf(" ", from);
        if (space >= 0 && space < first && space - from < 20) {
            from = space + 1;
        }
        int to = Math.min(text.length(), from + LENGTH);
        String lead = from > 0 ? "…" : "";
        String window = lead + text.substring(from, to) + (to < text.length() ? "…" : "");
        List<SearchHit.Mark> shifted = new ArrayList<>();
        for (SearchHit.Mark m : marks) {
            if (m.start() >= from && m.end() <= to) {
                shifted.add(new SearchHit.Mark(m.start() - from + lead.length(), m.end() - from + lead.length()));
            }
        }
        return new Snippet(window, shifted);
    }

    /** Marks shifted for the leading spaces {@code strip()} removes. */
    private static List<SearchHit.Mark> stripped(List<SearchHit.Mark> marks, String text) {
        int lead = text.length() - text.stripLeading().length();
        return marks.stream().map(m -> new SearchHit.Mark(m.start() - lead, m.end() - lead)).toList();
    }

    /**
     * Writes the passage with each match between {@link #OPEN} and {@link #CLOSE}. A match may reach past its
     * passage (a phrase across a sentence break) or overlap the one before (CJK pairs): it is cut to what is shown.
     */
    static final class Marking extends PassageFormatter {

        @Override
        public Object format(Passage[] passages, String content) {
            StringBuilder out = new StringBuilder();
            for (Passage passage : passages) {
                int pos = passage.getStartOffset();
                int passageEnd = passage.getEndOffset();
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    int start = Math.max(pos, passage.getMatchStarts()[i]);
                    int end = Math.min(passageEnd, passage.getMatchEnds()[i]);
                    if (end <= start) {
                        continue;
                    }
                    out.append(content, pos, start).append(OPEN).append(content, start, end).append(CLOSE);
                    pos = end;
                }
                if (pos < passageEnd) {
                    out.append(content, pos, passageEnd);
                }
            }
            return out.toString();
        }
    }
}
