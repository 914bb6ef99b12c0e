package hearth.server.mentions;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quotes of other posts, written {@code [quote=ada post=12]} on a line of its own, the quoted text, then
 * {@code [/quote]}. Before Markdown is parsed each block becomes an ordinary Markdown blockquote headed
 * "<b>ada said:</b>" with a link to {@code /p/12}, so the result goes through the same parser and sanitiser as any
 * post and nothing new can slip through. Tags inside fenced code stay as written; quotes may nest.
 */
public final class QuoteBlocks {

    static final Pattern OPEN = Pattern.compile(
            "\\s*\\[quote=([A-Za-z0-9](?:[A-Za-z0-9_.-]{0,18}[A-Za-z0-9])?)\\s+post=(\\d{1,18})]\\s*");
    static final Pattern CLOSE = Pattern.compile("\\s*\\[/quote]\\s*");
    private static final Pattern FENCE = Pattern.compile("\\s{0,3}(```|~~~).*");

    private QuoteBlocks() {
    }

    /** The text to put in a reply box to quote a post. */
    public static String quote(String username, long postId, String markdown) {
        return "[quote=" + username + " post=" + postId + "]\n" + markdown.strip() + "\n[/quote]\n\n";
    }

    /** The Markdown with quote blocks turned into blockquotes. */
    public static String expand(String markdown) {
        if (!markdown.contains("[quote=")) {
            return markdown;
        }
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        int depth = 0;
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            if (fence == null) {
                Matcher open = OPEN.matcher(line);
                if (open.matches()) {
                    depth++;
                    out.append(prefix(depth)).append("**[").append(open.group(1)).append(" said:](/p/")
                            .append(open.group(2)).append(")**\n").append(prefix(depth).strip()).append('\n');
                    continue;
                }
                if (depth > 0 && CLOSE.matcher(line).matches()) {
                    depth--;
                    // A blank line ends the blockquote, or the next line would lazily continue it.
                    out.append(prefix(depth).strip()).append('\n');
                    continue;
                }
            }
            Matcher fenceLine = FENCE.matcher(line);
            if (fenceLine.matches()) {
                String marker = fenceLine.group(1);
                fence = fence == null ? marker : (fence.equals(marker) ? null : fence);
            }
            out.append(prefix(depth)).append(line).append('\n');
        }
        return out.toString();
    }

    /** The ids of the posts quoted (outside fenced code), in order. */
    public static Set<Long> quotedPosts(String markdown) {
        Set<Long> ids = new LinkedHashSet<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher fenceLine = FENCE.matcher(line);
            if (fenceLine.matches()) {
                String marker = fenceLine.group(1);
                fence = fence == null ? marker : (fence.equals(marker) ? null : fence);
                continue;
            }
            Matcher open = OPEN.matcher(line);
            if (fence == null && open.matches()) {
                ids.add(Long.parseLong(open.group(2)));
            }
        }
        return ids;
    }

    private static String prefix(int depth) {
        return "> ".repeat(depth);
    }

}
