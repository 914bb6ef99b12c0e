package hearth.server.discussions;

import static hearth.server.db.schema.tables.Categories.CATEGORIES;
import static hearth.server.db.schema.tables.Members.MEMBERS;
import static hearth.server.db.schema.tables.Posts.POSTS;
import static hearth.server.db.schema.tables.TopicTags.TOPIC_TAGS;
import static hearth.server.db.schema.tables.Topics.TOPICS;

import hearth.api.access.Permissions;
import hearth.api.access.Scope;
import hearth.api.errors.NotFound;
import hearth.api.views.MemberView;
import hearth.server.accounts.Viewer;
import hearth.server.db.Database;
import hearth.server.tags.Tags;
import hearth.server.web.Forms;
import hearth.server.web.Routes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Atom 1.0 feeds (RFC 4287): {@code /feeds/latest} (new topics), {@code /feeds/c/<slug>} (a category's new topics),
 * {@code /feeds/tag/<name>} (a tag's new topics) and {@code /feeds/t/<id>} (a topic's posts), each with what an
 * anonymous reader may see, absolute links from the configured base URL, and the opening post's HTML as the entry
 * content.
 */
public final class Feeds implements Routes {

    private static final int ENTRIES = 30;

    /** One entry: its page, title, author, time and HTML content. */
    record Entry(String url, String title, String author, Instant updated, String html) {
    }

    private final Database db;
    private final Permissions permissions;
    private final CategoryGrants categories;
    private final String base;
    private final String siteName;

    public Feeds(Database db, Permissions permissions, CategoryGrants categories, URI baseUrl, String siteName) {
        this.db = db;
        this.permissions = permissions;
        this.categories = categories;
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.siteName = siteName;
    }

    @Override
    public void mount(Router router) {
        router.get("/feeds/latest").handler(ctx -> {
            Optional<MemberView> viewer = viewer(ctx);
            send(ctx, "/latest", "Latest topics", db.read(sql -> topics(sql,
                    TOPICS.CATEGORY_ID.in(categories.visibleTo(sql, permissions, viewer)))));
        });
        router.get("/feeds/c/:slug").handler(this::category);
        router.get("/feeds/t/:id").handler(this::topic);
        router.get("/feeds/tag/:name").handler(this::tag);
    }

    /** A tag's new topics, in the categories the reader may see. */
    private void tag(RoutingContext ctx) {
        Optional<MemberView> viewer = viewer(ctx);
        String name = ctx.pathParam("name");
        db.read(sql -> {
            Tags.Tag tag = Tags.find(sql, name).orElseThrow(() -> new NotFound("There is no such tag."));
            return new FeedContent("Tagged " + tag.name(), topics(sql, TOPICS.CATEGORY_ID.in(categories.visibleTo(sql,
                    permissions, viewer)).and(TOPICS.ID.in(DSL.select(TOPIC_TAGS.TOPIC_ID).from(TOPIC_TAGS)
                    .where(TOPIC_TAGS.TAG_ID.eq(tag.id()))))), tag.url());
        }).onSuccess(content -> send(ctx, content.page(), content.title(),
                Future.succeededFuture(content.entries()))).onFailure(ctx::fail);
    }

    private void category(RoutingContext ctx) {
        Optional<MemberView> viewer = viewer(ctx);
        String slug = ctx.pathParam("slug");
        Future<FeedContent> feed = db.read(sql -> {
            var category = sql.select(CATEGORIES.ID, CATEGORIES.NAME).from(CATEGORIES)
                    .where(CATEGORIES.SLUG.eq(slug)).fetchOptional()
                    .filter(r -> permissions.allows(viewer, DiscussionPermissions.SEE, Scope.category(r.value1())))
                    .orElseThrow(() -> new NotFound("There is no such category."));
            return new FeedContent(category.value2(), topics(sql, TOPICS.CATEGORY_ID.eq(category.value1())),
                    "/c/" + slug);
        });
        feed.onSuccess(content -> send(ctx, content.page(), content.title(), Future.succeededFuture(content.entries())))
                .onFailure(ctx::fail);
    }

    private void topic(RoutingContext ctx) {
        Optional<MemberView> viewer = viewer(ctx);
        long id = Forms.pathId(ctx, "id", "topic");
        db.read(sql -> {
            var topic = sql.select(TOPICS.SLUG, TOPICS.TITLE, TOPICS.CATEGORY_ID).from(TOPICS)
                    .where(TOPICS.ID.eq(id), TOPICS.DELETED_AT.isNull(), TOPICS.HIDDEN_AT.isNull()).fetchOptional()
                    .filter(r -> r.value3() != null) // conversations and scheduled topics: no feed
                    .filter(r -> permissions.allows(viewer, DiscussionPermissions.SEE, Scope.category(r.value3())))
                    .orElseThrow(() -> new NotFound("There is no such topic."));
            String page = "/t/" + topic.value1() + "/" + id;
            List<Entry> posts = sql.select(POSTS.POST_NUMBER, MEMBERS.DISPLAY_NAME, POSTS.CREATED_AT, POSTS.BODY_HTML)
                    .from(POSTS).join(MEMBERS).on(MEMBERS.ID.eq(POSTS.AUTHOR_ID))
                    .where(POSTS.TOPIC_ID.eq(id), POSTS.DELETED_AT.isNull(), POSTS.HIDDEN_AT.isNull())
                    .orderBy(POSTS.POST_NUMBER.desc()).limit(ENTRIES)
                    .fetch(r -> new Entry(base + page + "#post-" + r.value1(),
                            (r.value1() == 1 ? "" : "Reply #" + (r.value1() - 1) + " to ") + topic.value2(),
                            r.value2(), r.value3(), r.value4()));
            return new FeedContent(topic.value2(), posts, page);
        }).onSuccess(content -> send(ctx, content.page(), content.title(),
                Future.succeededFuture(content.entries()))).onFailure(ctx::fail);
    }

    /** A feed's title, entries and the page it follows. */
    private record FeedContent(String title, List<Entry> entries, String page) {
    }

    /** The newest topics where {@code which}, with their opening posts. */
    private List<Entry> topics(DSLContext sql, Condition which) {
        return sql.select(TOPICS.ID, TOPICS.SLUG, TOPICS.TITLE, MEMBERS.DISPLAY_NAME, TOPICS.CREATED_AT,
                        POSTS.BODY_HTML)
                .from(TOPICS)
                .join(MEMBERS).on(MEMBERS.ID.eq(TOPICS.AUTHOR_ID))
                .leftJoin(POSTS).on(POSTS.TOPIC_ID.eq(TOPICS.ID), POSTS.POST_NUMBER.eq(1))
                .where(which, TOPICS.DELETED_AT.isNull(), TOPICS.HIDDEN_AT.isNull(), TOPICS.UNLISTED.isFalse())
                .orderBy(TOPICS.CREATED_AT.desc(), TOPICS.ID.desc()).limit(ENTRIES)
                .fetch(r -> new Entry(base + "/t/" + r.value2() + "/" + r.value1(), r.value3(), r.value4(),
                        r.value5(), r.value6() == null ? "" : r.value6()));
    }

    private void send(RoutingContext ctx, String page, String title, Future<List<Entry>> entries) {
        entries.onSuccess(list -> ctx.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/atom+xml; charset=utf-8")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                        .end(atom(ctx.normalizedPath(), page, title, list)))
                .onFailure(ctx::fail);
    }

    private String atom(String self, String page, String title, List<Entry> entries) {
        Instant updated = entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        StringBuilder xml = new StringBuilder(4096)
                .append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <id>").append(text(base + page)).append("</id>\n")
                .append("  <title>").append(text(title + " · " + siteName)).append("</title>\n")
                .append("  <updated>").append(updated).append("</updated>\n")
                .append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(text(base + self))
                .append("\"/>\n")
                .append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(text(base + page)).append("\"/>\n")
                .append("  <author><name>").append(text(siteName)).append("</name></author>\n");
        for (Entry entry : entries) {
            xml.append("  <entry>\n")
                    .append("    <id>").append(text(entry.url())).append("</id>\n")
                    .append("    <title>").append(text(entry.title())).append("</title>\n")
                    .append("    <updated>").append(entry.updated()).append("</updated>\n")
                    .append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(text(entry.url()))
                    .append("\"/>\n")
                    .append("    <author><name>").append(text(entry.author())).append("</name></author>\n")
                    .append("    <content type=\"html\">").append(text(entry.html())).append("</content>\n")
                    .append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    /** Escapes text for XML, dropping the control characters XML 1.0 does not allow. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static Optional<MemberView> viewer(RoutingContext ctx) {
        return Viewer.of(ctx).map(Viewer::asMemberView);
    }
}
