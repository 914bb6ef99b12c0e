package hearth.server.mentions;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Finds {@code @username} in a parsed post and turns the ones naming real members into {@link MentionNode}s. Only
 * plain text counts: code spans and blocks are not text nodes at all, and link text and image descriptions are
 * skipped, so {@code [@ada](...)} and {@code `@ada`} stay as written.
 */
public final class MentionSyntax {

    /** Usernames as sign-up allows them (letters, digits, {@code _ . -} inside, up to 20), not glued to a word. */
    static final Pattern MENTION = Pattern.compile(
            "(?<![A-Za-z0-9_.@-])@([A-Za-z0-9](?:[A-Za-z0-9_.-]{0,18}[A-Za-z0-9])?)(?![A-Za-z0-9_@])");

    private MentionSyntax() {
    }

    /** The distinct usernames mentioned in plain text, lower-cased, in order of appearance. */
    public static Set<String> candidates(Node document) {
        Set<String> names = new LinkedHashSet<>();
        document.accept(new PlainText() {
            @Override
            public void visit(Text text) {
                Matcher matcher = MENTION.matcher(text.getLiteral());
                while (matcher.find()) {
                    names.add(matcher.group(1).toLowerCase(Locale.ROOT));
                }
            }
        });
        return names;
    }

    /**
     * Replaces each mention of a member in {@code members} (asked once with all candidates, answers lower-cased
     * usernames that exist) by a {@link MentionNode}; other {@code @words} stay plain text.
     */
    public static void link(Node document, Function<Set<String>, Set<String>> members) {
        Set<String> candidates = candidates(document);
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> existing = members.apply(candidates);
        if (existing.isEmpty()) {
            return;
        }
        java.util.List<Text> texts = new java.util.ArrayList<>();
        document.accept(new PlainText() {
            @Override
            public void visit(Text text) {
                texts.add(text);
            }
        });
        for (Text text : texts) {
            split(text, existing);
        }
    }

    private static void split(Text text, Set<String> existing) {
        String literal = text.getLiteral();
        Matcher matcher = MENTION.matcher(literal);
        int from = 0;
        Node before = text;
        boolean changed = false;
        while (matcher.find()) {
            if (!existing.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (matcher.start() > from) {
                before = insertAfter(before, new Text(literal.substring(from, matcher.start())));
            }
            before = insertAfter(before, new MentionNode(matcher.group(1)));
            from = matcher.end();
            changed = true;
        }
        if (!changed) {
            return;
        }
        if (from < literal.length()) {
            insertAfter(before, new Text(literal.substring(from)));
        }
        text.unlink();
    }

    private static Node insertAfter(Node anchor, Node node) {
        anchor.insertAfter(node);
        return node;
    }

    /** Visits text outside links and images. */
    private abstract static class PlainText extends AbstractVisitor {

        @Override
        public void visit(Link link) {
            // link text is the author's own words for a link: never a mention
        }

        @Override
        public void visit(Image image) {
        }
    }
}
