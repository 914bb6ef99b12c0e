package hearth.plugins.searchlucene.index;

import hearth.api.search.SearchHit;
import hearth.api.search.SearchSource.EventEntry;
import hearth.api.search.SearchSource.MemberEntry;
import hearth.api.search.SearchSource.PostEntry;
import hearth.api.search.SearchSource.TopicEntry;
import hearth.api.views.CategoryView;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * Turns what the core says into index documents, and decides what is findable at all: hidden, deleted and unlisted
 * topics and posts, invite-only and cancelled events and unlisted members get no document, so no query, filter or
 * bug in the search can return them.
 */
public final class Documents {

    private static final Pattern MARKS = Pattern.compile("[\\x{E000}\\x{E001}]");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

    private Documents() {
    }

    /** The key of one item's document, e.g. {@code post:12}. */
    public static String key(String type, long id) {
        return type + ":" + id;
    }

    public static boolean findable(TopicEntry topic) {
        return !topic.topic().state().hidden() && !topic.topic().state().unlisted();
    }

    public static Optional<Document> topic(TopicEntry entry, CategoryView category) {
        if (!findable(entry)) {
            return Optional.empty();
        }
        Document doc = common(SearchHit.TOPIC, entry.topic().id(), entry, category, entry.topic().authorId(),
                entry.authorUsername(),
                entry.topic().createdAt(), entry.likes(), "/t/" + entry.topic().id() + "#post-1");
        doc.add(new StoredField(Fields.POST_NUMBER, 1));
        String title = clean(entry.topic().title());
        doc.add(new TextField(Fields.TITLE, title, Field.Store.YES));
        doc.add(new StringField(Fields.TITLE_EXACT, normalised(title), Field.Store.NO));
        doc.add(new TextField(Fields.SPELL, title, Field.Store.NO));
        // The body of a topic document is what else names it: its tags and its category.
        String about = String.join(" ", entry.tags()) + " " + category.name();
        doc.add(new TextField(Fields.BODY, about.strip(), Field.Store.YES));
        return Optional.of(doc);
    }

    public static Optional<Document> post(PostEntry entry, TopicEntry topic, CategoryView category) {
        if (!findable(topic) || entry.post().hidden()) {
            return Optional.empty();
        }
        Document doc = common(SearchHit.POST, entry.post().id(), topic, category, entry.post().authorId(),
                entry.authorUsername(),
                entry.post().createdAt(), entry.likes(),
                "/t/" + topic.topic().id() + "#post-" + entry.post().number());
        // No title: the topic's own document matches it (so a title hit is found once) and lends it to the results.
        doc.add(new StoredField(Fields.POST_NUMBER, entry.post().number()));
        String text = clean(entry.text());
        doc.add(new TextField(Fields.BODY, text, Field.Store.YES));
        doc.add(new TextField(Fields.SPELL, text, Field.Store.NO));
        return Optional.of(doc);
    }

    private static Document common(String type, long id, TopicEntry topic, CategoryView category, long authorId,
                                   String author, Instant created, int likes, String url) {
        Document doc = base(type, id, created, likes, url);
        doc.add(new LongPoint(Fields.AUTHOR_ID, authorId));
        doc.add(new LongPoint(Fields.TOPIC_ID, topic.topic().id()));
        doc.add(new StoredField(Fields.TOPIC_ID, topic.topic().id()));
        category(doc, category);
        doc.add(new StringField(Fields.AUTHOR, author.toLowerCase(Locale.ROOT), Field.Store.NO));
        for (String tag : topic.tags()) {
            doc.add(new StringField(Fields.TAG, tag.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        doc.add(new StringField(Fields.STATUS, topic.topic().state().closed() ? "closed" : "open", Field.Store.NO));
        if (topic.question()) {
            doc.add(new StringField(Fields.STATUS, topic.solved() ? "solved" : "unsolved", Field.Store.NO));
        }
        return doc;
    }

    public static Optional<Document> member(MemberEntry entry) {
        if (!entry.listed()) {
            return Optional.empty();
        }
        var member = entry.member();
        Document doc = base(SearchHit.MEMBER, member.id(), member.joinedAt(), 0, "/u/" + member.username());
        String name = clean(member.displayName() + " @" + member.username());
        doc.add(new TextField(Fields.TITLE, name, Field.Store.YES));
        doc.add(new StringField(Fields.TITLE_EXACT, normalised(member.displayName()), Field.Store.NO));
        doc.add(new StringField(Fields.AUTHOR, member.username().toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new TextField(Fields.BODY, clean(entry.bio()), Field.Store.YES));
        doc.add(new TextField(Fields.SPELL, name, Field.Store.NO));
        return Optional.of(doc);
    }

    public static Optional<Document> event(EventEntry entry, CategoryView category) {
        if (entry.cancelled() || !("public".equals(entry.visibility()) || "members".equals(entry.visibility()))) {
            return Optional.empty();
        }
        Document doc = base(SearchHit.EVENT, entry.id(), entry.startsAt(), 0, "/events/" + entry.id());
        doc.add(new LongPoint(Fields.TOPIC_ID, entry.topicId()));
        doc.add(new StoredField(Fields.TOPIC_ID, entry.topicId()));
        category(doc, category);
        doc.add(new StringField(Fields.VISIBILITY, entry.visibility(), Field.Store.NO));
        String title = clean(entry.title());
        doc.add(new TextField(Fields.TITLE, title, Field.Store.YES));
        doc.add(new StringField(Fields.TITLE_EXACT, normalised(title), Field.Store.NO));
        String body = clean((entry.description() + " " + entry.venue()).strip());
        doc.add(new TextField(Fields.BODY, body, Field.Store.YES));
        doc.add(new TextField(Fields.SPELL, title + " " + body, Field.Store.NO));
        return Optional.of(doc);
    }

    private static Document base(String type, long id, Instant created, int likes, String url) {
        Document doc = new Document();
        doc.add(new StringField(Fields.KEY, key(type, id), Field.Store.YES));
        doc.add(new StringField(Fields.TYPE, type, Field.Store.YES));
        long millis = created.toEpochMilli();
        doc.add(new LongPoint(Fields.CREATED, millis));
        doc.add(new NumericDocValuesField(Fields.CREATED, millis));
        doc.add(new StoredField(Fields.CREATED, millis));
        doc.add(new NumericDocValuesField(Fields.LIKES, likes));
        doc.add(new StoredField(Fields.URL, url));
        return doc;
    }

    private static void category(Document doc, CategoryView category) {
        doc.add(new LongPoint(Fields.CATEGORY, category.id()));
        doc.add(new StringField(Fields.CATEGORY_SLUG, category.slug().toLowerCase(Locale.ROOT), Field.Store.NO));
    }

    /** Text without the two private-use characters the highlighter marks matches with. */
    static String clean(String text) {
        return MARKS.matcher(text == null ? "" : text).replaceAll("");
    }

    /** A title as one comparable term: lower case, accents dropped, punctuation as single spaces. */
    public static String normalised(String text) {
        String folded = DIACRITICS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NOT_WORD.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
