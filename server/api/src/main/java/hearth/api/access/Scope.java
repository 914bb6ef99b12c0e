package hearth.api.access;

/**
 * What a permission is asked about: the whole site, one category or one topic.
 *
 * @param kind which of the three
 * @param id   the category's or topic's id; 0 for the site
 */
public record Scope(Kind kind, long id) {

    /** The kinds of scope. */
    public enum Kind { SITE, CATEGORY, TOPIC }

    private static final Scope SITE = new Scope(Kind.SITE, 0);

    /** The whole site. */
    public static Scope site() {
        return SITE;
    }

    /** One category. */
    public static Scope category(long categoryId) {
        return new Scope(Kind.CATEGORY, categoryId);
    }

    /** One topic. */
    public static Scope topic(long topicId) {
        return new Scope(Kind.TOPIC, topicId);
    }
}
