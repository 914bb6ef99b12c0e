package hearth.server.mentions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/** A mention of an existing member, rendered as {@code <a class="mention" href="/u/name">@name</a>}. */
public final class MentionNode extends CustomNode {

    private final String username;

    public MentionNode(String username) {
        this.username = username;
    }

    public String username() {
        return username;
    }

    /** Renders {@link MentionNode}s: {@code HtmlRenderer.builder().nodeRendererFactory(Renderer::new)}. */
    public static final class Renderer implements NodeRenderer {

        private final HtmlWriter html;

        public Renderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(MentionNode.class);
        }

        @Override
        public void render(Node node) {
            String username = ((MentionNode) node).username();
            // The username pattern has no character that needs escaping in a URL path or in HTML.
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("href", "/u/" + username);
            attributes.put("class", "mention");
            html.tag("a", attributes);
            html.text("@" + username);
            html.tag("/a");
        }
    }
}
