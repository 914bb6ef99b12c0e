package hearth.server.discussions;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable word-level diff of two texts as HTML: removed words in {@code <del>}, added ones in {@code <ins>},
 * everything HTML-escaped (a post's old Markdown is shown as text, never as markup).
 */
public final class WordDiff {

    /** Above this many cells the middle is shown as replaced outright, to bound time and memory. */
    private static final long MAX_CELLS = 4_000_000;

    private WordDiff() {
    }

    public static String html(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        StringBuilder html = new StringBuilder();
        same(html, a.subList(0, start));
        middle(html, a.subList(start, endA), b.subList(start, endB));
        same(html, a.subList(endA, a.size()));
        return html.toString();
    }

    /** Words and the spaces between them, each its own token, so spacing survives. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        int from = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || Character.isWhitespace(text.charAt(i))
                    != Character.isWhitespace(text.charAt(i - 1))) {
                tokens.add(text.substring(from, i));
                from = i;
            }
        }
        return tokens;
    }

    private static void middle(StringBuilder html, List<String> a, List<String> b) {
        if ((long) (a.size() + 1) * (b.size() + 1) > MAX_CELLS) {
            mark(html, "del", a);
            mark(html, "ins", b);
            return;
        }
        // Longest common subsequence, filled from the end so the walk below goes forwards.
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                mark(html, "del", removed);
                mark(html, "ins", added);
                removed.clear();
                added.clear();
                html.append(escape(a.get(i)));
                i++;
                j++;
            } else if (j >= b.size() || i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1]) {
                removed.add(a.get(i++));
            } else {
                added.add(b.get(j++));
            }
        }
        mark(html, "del", removed);
        mark(html, "ins", added);
    }

    private static void same(StringBuilder html, List<String> tokens) {
        tokens.forEach(token -> html.append(escape(token)));
    }

    private static void mark(StringBuilder html, String tag, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        html.append('<').append(tag).append('>');
        same(html, tokens);
        html.append("</").append(tag).append('>');
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
