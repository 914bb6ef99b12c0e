package hearth.api.search;

/**
 * Answers the site search. One provider is used at a time (the first enabled plugin's, by plugin id); with none the
 * core searches titles and posts plainly. A provider that throws is contained and the core fallback answers. It runs
 * off the event loop and may block. It must only return what the viewer may see. Since 1.2.0 it may throw
 * {@link hearth.api.errors.InvalidInput} for a query it cannot read (an unknown filter value, say): the person is
 * told, with a 400, and the core does not answer instead. Returning null leaves the query to the core.
 */
@FunctionalInterface
public interface SearchProvider {

    /** The hits for one query. */
    SearchResults search(SearchQuery query) throws Exception;
}
