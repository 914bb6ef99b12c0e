package hearth.server.discussions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hearth.server.testing.Browser;
import hearth.server.testing.TestSite;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile Markdown never comes out as executable HTML: no scripts, no script URLs however they are spelled, no event
 * handlers, no SVG or MathML, no frames or plugins, no styles, no targets; while the Markdown people use renders.
 */
class MarkdownSanitiserTest {

    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z:_-]+)\\s*=\\s*\"([^\"]*)\"");
    private static final List<String> ALLOWED_TAGS = List.of("p", "div", "span", "a", "em", "strong", "code", "pre", "br", "hr",
            "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr",
            "th", "td", "img", "del", "b", "i", "u", "s", "strike", "sub", "sup", "tt", "big", "small");
    private static final List<String> ALLOWED_ATTRIBUTES = List.of("href", "rel", "src", "alt", "title", "class",
            "align", "width", "height", "border", "hspace", "vspace", "colspan", "rowspan", "start", "type", "loading");

    private final Markdown markdown = new Markdown();

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "before <scr<script>ipt>alert(1)</script> after",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;vascript:alert(1))",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\"java&#09;script:alert(1)\">x</a>",
        "<a href=\"java&#10;script:alert(1)\">x</a>",
        "<a href=\"\u0001javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<img src=x onerror=alert(1)>",
        "<img src=\"https://example.org/a.png\" onerror=\"alert(1)\">",
        "<body onload=alert(1)>",
        "<p onclick=\"alert(1)\">click me</p>",
        "<a href=\"https://example.org\" onmouseover=\"alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<embed src=\"https://evil.example/x.swf\">",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\">cover</div>",
        "<style>body{display:none}</style>",
        "<a href=\"https://example.org\" target=\"_blank\">x</a>",
        "<form action=\"https://evil.example\"><input name=p><button>go</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<base href=\"https://evil.example/\">",
        "<details open ontoggle=alert(1)>x</details>",
        "<a href=\"https://example.org\" formaction=\"javascript:alert(1)\">x</a>",
        "<!--<script>alert(1)</script>-->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<textarea><script>alert(1)</script></textarea>",
        "<x onclick=alert(1)>custom</x>",
        "```\n<script>alert(1)</script>\n```",
        "`<img src=x onerror=alert(1)>`",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    })
    void hostileInputNeverComesOutExecutable(String hostile) {
        assertSafe(markdown.toHtml(hostile));
    }

    @Test
    void linksAreMarkedAsUserContent() {
        String html = markdown.toHtml("See [the seed list](https://example.org/seeds) and <https://example.org>.");
        Matcher anchors = Pattern.compile("<a [^>]*>").matcher(html);
        int count = 0;
        while (anchors.find()) {
            count++;
            Matcher rel = Pattern.compile("rel=\"([^\"]*)\"").matcher(anchors.group());
            assertTrue(rel.find(), html);
            assertEquals(java.util.Set.of("nofollow", "ugc", "noopener"), java.util.Set.of(rel.group(1).split(" ")),
                    html);
        }
        assertEquals(2, count, html);
        assertTrue(html.contains("href=\"https://example.org/seeds\""), html);
    }

    @Test
    void fencedCodeAndTablesRender() {
        String code = markdown.toHtml("```java\nif (a < b) { sow(); }\n```");
        assertTrue(code.contains("<pre><code class=\"language-java\">if (a &lt; b) { sow(); }"), code);
        String table = markdown.toHtml("| Crop | Month |\n|------|-------|\n| Peas | March |\n");
        assertTrue(table.contains("<table>"), table);
        assertTrue(table.contains("<th>Crop</th>"), table);
        assertTrue(table.contains("<td>March</td>"), table);
        assertTrue(markdown.toHtml("**bold** and _it_").contains("<strong>bold</strong> and <em>it</em>"));
    }

    @Test
    void aHostilePostOnTheTopicPageCarriesNoneOfIt(@TempDir Path dataDir) {
        try (TestSite site = TestSite.start(dataDir)) {
            Forum forum = new Forum(site);
            Browser author = forum.member("Mallory", false);
            String hostile = String.join("\n\n", "<script>alert('pwned')</script>",
                    "[click](JaVaScRiPt:alert(1))", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
                    "<iframe src=\"https://evil.example\"></iframe>", "<p style=\"color:red\">styled</p>",
                    "<a href=\"https://example.org\" target=\"_blank\">out</a>");
            HttpResponse<String> started = author.json("POST", "/api/v1/topics", new JsonObject()
                    .put("categoryId", forum.number("SELECT MIN(id) FROM categories"))
                    .put("title", "Harmless gardening question").put("body", hostile).encode());
            assertEquals(201, started.statusCode(), started.body());
            String page = site.get(new JsonObject(started.body()).getString("url")).body();
            int start = page.indexOf("<li class=\"post\" id=\"post-1\">");
            int end = page.indexOf("</li>", page.indexOf("class=\"post-footer\"", start));
            String post = page.substring(start, end);
            String body = post.substring(post.indexOf("<div class=\"post-body\">") + "<div class=\"post-body\">".length(),
                    post.indexOf("<div class=\"post-actions\">"));
            assertSafe(body.substring(0, body.lastIndexOf("</div>")));
            String lower = post.toLowerCase(Locale.ROOT);
            for (String trace : List.of("<script", "javascript:", "onerror", "onload", "<svg", "<iframe", "style=",
                    "target=")) {
                assertFalse(lower.contains(trace), () -> trace + " in " + post);
            }
            assertTrue(post.contains("styled") && post.contains(">out</a>"), post);
        }
    }

    /** No tag or attribute outside the allow-list, and no URL that runs code however it is spelled. */
    private static void assertSafe(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String forbidden : List.of("<script", "<svg", "<math", "<iframe", "<object", "<embed", "<style",
                "<form", "<meta", "<link", "<base", "<details", "<noscript", "<textarea")) {
            assertFalse(lower.contains(forbidden), () -> forbidden + " in " + html);
        }
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            String name = tags.group(1).toLowerCase(Locale.ROOT);
            assertTrue(ALLOWED_TAGS.contains(name), () -> "tag <" + name + "> in " + html);
            String rest = tags.group(2);
            Matcher attributes = ATTRIBUTE.matcher(rest);
            while (attributes.find()) {
                String attribute = attributes.group(1).toLowerCase(Locale.ROOT);
                assertTrue(ALLOWED_ATTRIBUTES.contains(attribute), () -> "attribute " + attribute + " in " + html);
                if (attribute.equals("href") || attribute.equals("src")) {
                    String url = decode(attributes.group(2)).replaceAll("[\\u0000-\\u0020]", "")
                            .toLowerCase(Locale.ROOT);
                    assertTrue(url.startsWith("http://") || url.startsWith("https://") || url.startsWith("mailto:")
                            || !url.replaceFirst("[/?#].*$", "").contains(":"),
                            () -> "URL " + attributes.group(2) + " in " + html);
                }
            }
            // Every attribute the sanitiser writes is quoted; anything else would be a parser slip.
            String unquoted = ATTRIBUTE.matcher(rest).replaceAll("").replace("/", "").strip();
            assertTrue(unquoted.isEmpty(), () -> "unquoted attribute text '" + unquoted + "' in " + html);
        }
    }

    /** HTML character references, so an encoded scheme is checked as the browser would read it. */
    private static String decode(String value) {
        Matcher refs = Pattern.compile("&#(x?)([0-9a-fA-F]+);?").matcher(value);
        StringBuilder out = new StringBuilder();
        while (refs.find()) {
            int code = Integer.parseInt(refs.group(2), refs.group(1).isEmpty() ? 10 : 16);
            refs.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        refs.appendTail(out);
        return out.toString().replace("&amp;", "&").replace("&colon;", ":").replace("&tab;", "\t")
                .replace("&newline;", "\n");
    }
}
