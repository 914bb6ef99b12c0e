package hearth.plugins.searchlucene.index;

/**
 * The fields of the index. Every document has a {@link #KEY} ("post:12") and a {@link #TYPE}; topic and post documents
 * carry their topic's category, tags and status, so filters match posts too and a topic change rewrites its posts.
 */
public final class Fields {

    /** Bump when documents or analysis change: an index of another version is rebuilt at start. */
    public static final String SCHEMA_VERSION = "1";
    /** The commit user data key holding {@link #SCHEMA_VERSION}. */
    public static final String SCHEMA_KEY = "hearth.search-lucene.schema";

    public static final String KEY = "key";
    public static final String TYPE = "type";
    public static final String TOPIC_ID = "topic_id";
    public static final String POST_NUMBER = "post_number";
    public static final String CATEGORY = "category";
    public static final String CATEGORY_SLUG = "category_slug";
    /** The author's username, lower case, for {@code @author}. */
    public static final String AUTHOR = "author";
    /** The author's id, to find what a member wrote when they delete their account. */
    public static final String AUTHOR_ID = "author_id";
    public static final String TAG = "tag";
    public static final String STATUS = "status";
    /** Events: {@code public} or {@code members}. Others: absent. */
    public static final String VISIBILITY = "visibility";
    public static final String TITLE = "title";
    /** The whole title, normalised, as one term: an exact title match ranks first. */
    public static final String TITLE_EXACT = "title_exact";
    public static final String BODY = "body";
    public static final String SPELL = "spell";
    /** Epoch milliseconds: points for before:/after:, doc values for order and freshness. */
    public static final String CREATED = "created";
    public static final String LIKES = "likes";
    public static final String URL = "url";

    private Fields() {
    }
}
