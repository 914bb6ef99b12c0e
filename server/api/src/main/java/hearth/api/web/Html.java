package hearth.api.web;

import java.util.Objects;

/**
 * A piece of HTML that is inserted as is. Build it with {@link #text} for text from anywhere (it is escaped), with
 * {@link PluginTemplates#render} for markup, or with {@link #trusted} only for markup the plugin wrote itself.
 *
 * @param markup the HTML
 */
public record Html(String markup) {

    /** Nothing. */
    public static final Html EMPTY = new Html("");

    public Html {
        Objects.requireNonNull(markup);
    }

    /** Markup the plugin wrote itself; never pass text that came from a person. */
    public static Html trusted(String markup) {
        return new Html(markup);
    }

    /** Text, escaped for HTML. */
    public static Html text(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return new Html(out.toString());
    }

    public boolean isEmpty() {
        return markup.isEmpty();
    }
}
