package hearth.server.discussions;

import hearth.server.mentions.MentionNode;
import hearth.server.mentions.MentionSyntax;
import hearth.server.mentions.QuoteBlocks;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/** Renders a post's Markdown to safe HTML once, when it is written; pages then show the stored HTML as is. */
public final class Markdown {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
            .nodeRendererFactory(MentionNode.Renderer::new).build();
    private final PolicyFactory policy = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href").onElements("a")
                    .requireRelsOnLinks("nofollow", "ugc", "noopener")
                    .allowElements("pre", "code", "hr", "br")
                    .allowAttributes("class").matching(true, "language-[a-z0-9+#-]{1,20}").onElements("code")
                    .allowAttributes("class").matching(true, "mention").onElements("a")
                    .toFactory());

    public String toHtml(String markdown) {
        return toHtml(markdown, names -> Set.of());
    }

    /**
     * A post's HTML: quote blocks become blockquotes and {@code @name}s link to the members that exist;
     * {@code members} answers which of the (lower-cased) usernames asked about do.
     */
    public String toHtml(String markdown, Function<Set<String>, Set<String>> members) {
        org.commonmark.node.Node document = parser.parse(QuoteBlocks.expand(markdown));
        MentionSyntax.link(document, members);
        return policy.sanitize(renderer.render(document));
    }

    /** The distinct usernames (lower-cased) a post mentions, whether or not they exist. */
    public Set<String> mentioned(String markdown) {
        return MentionSyntax.candidates(parser.parse(QuoteBlocks.expand(markdown)));
    }
}
