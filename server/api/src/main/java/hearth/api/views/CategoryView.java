package hearth.api.views;

/**
 * A category as plugins see it.
 *
 * @param id       the category's id
 * @param parentId its parent's id; 0 for a top-level category
 * @param name     its name
 * @param slug     the name in its address, {@code /c/<slug>}
 * @since 1.1.0
 */
public record CategoryView(long id, long parentId, String name, String slug) {
}
