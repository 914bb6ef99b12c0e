package hearth.server.discussions;

import hearth.server.mentions.MentionNode;
import hearth.server.mentions.MentionSyntax;
import hearth.server.mentions.QuoteBlocks;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Renders a post's Markdown to safe HTML once, when it is written; pages then show the stored HTML as is. Images load
 * lazily and, when {@link ImageSizes} knows them (uploaded images), carry their width and height so the page does not
 * jump as they arrive.
 */
public final class Markdown {

    /** A picture's size in pixels. */
    public record Size(int width, int height) {
    }

    /** The size of the picture at an address, when known without fetching it. */
    public interface ImageSizes {
        Optional<Size> of(String url);
    }

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    /** The class commonmark gives a fenced code block's {@code code} element (for highlighters). */
    private static final Pattern LANGUAGE = Pattern.compile("language-[a-z0-9+#-]{1,20}");

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer;
    private final PolicyFactory policy = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("img")
                    .allowAttributes("loading").matching(true, "lazy").onElements("img")
                    .toFactory())
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href").onElements("a")
                    .requireRelsOnLinks("nofollow", "ugc", "noopener")
                    .allowElements("pre", "code", "hr", "br")
                    // A pattern: matching(boolean, String...) would compare whole values, and drop every language.
                    .allowAttributes("class").matching(LANGUAGE).onElements("code")
                    .allowAttributes("class").matching(true, "mention").onElements("a")
                    .toFactory());

    /** Markdown whose images carry no dimensions. */
    public Markdown() {
        this(url -> Optional.empty());
    }

    public Markdown(ImageSizes sizes) {
        this.renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
                .nodeRendererFactory(MentionNode.Renderer::new)
                // Images load when scrolled near, so a long topic full of pictures opens quickly.
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof Image image) {
                        sizes.of(image.getDestination()).ifPresent(size -> {
                            attributes.put("width", String.valueOf(size.width()));
                            attributes.put("height", String.valueOf(size.height()));
                        });
                        attributes.put("loading", "lazy");
                    }
                })
                .build();
    }

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
