package hearth.server.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short piece of a post around the searched text, as plain text. Markdown is stripped roughly (markers, link
 * targets, table pipes): the snippet is shown escaped, so leftover syntax would be visible, never harmful.
 */
final class Snippet {

    static final int LENGTH = 160;
    /** How much text to show before the match, at most. */
    private static final int LEAD = 60;

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*(```|~~~)[^\\n]*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern LINE_MARKERS = Pattern.compile("(?m)^[ \\t]*(#{1,6}|(?:>[ \\t]*)+|[-*+]|\\d+[.)])[ \\t]+");
    private static final Pattern TABLE_RULE = Pattern.compile("(?m)^[ \\t]*\\|?[ \\t]*:?-{3,}:?[ \\t]*(\\|[ \\t]*:?-*:?[ \\t]*)*\\|?[ \\t]*$");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|~~|[*`]");
    private static final Pattern TAG = Pattern.compile("<[^>\\n]{1,200}>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Snippet() {
    }

    /** About {@link #LENGTH} characters of {@code markdown} as plain text, around the first place {@code text} is. */
    static String around(String markdown, String text) {
        String plain = plainText(markdown);
        if (plain.length() <= LENGTH) {
            return plain;
        }
        Matcher match = Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(plain);
        int at = match.find() ? match.start() : 0; // a title match, or text hidden in Markdown syntax: the start
        int lead = Math.min(LEAD, Math.max(0, (LENGTH - text.length()) / 2));
        int start = Math.max(0, at - lead);
        int end = Math.min(plain.length(), start + LENGTH);
        start = Math.max(0, end - LENGTH);
        if (start > 0) {
            int space = plain.indexOf(' ', start);
            if (space >= 0 && space < at) {
                start = space + 1; // begin on a whole word
            }
        }
        if (end < plain.length()) {
            int space = plain.lastIndexOf(' ', end);
            if (space > Math.max(start, at + text.length())) {
                end = space; // end on a whole word
            }
        }
        return (start > 0 ? "…" : "") + plain.substring(start, end).strip() + (end < plain.length() ? "…" : "");
    }

    static String plainText(String markdown) {
        String s = FENCE.matcher(markdown).replaceAll(" ");
        s = IMAGE.matcher(s).replaceAll("$1");
        s = LINK.matcher(s).replaceAll("$1");
        s = TABLE_RULE.matcher(s).replaceAll(" ");
        s = LINE_MARKERS.matcher(s).replaceAll("");
        s = s.replace('|', ' ');
        s = EMPHASIS.matcher(s).replaceAll("");
        s = TAG.matcher(s).replaceAll(" ");
        return SPACE.matcher(s).replaceAll(" ").strip();
    }
}
