package hearth.api.search;

/**
 * Answers the site search. One provider is used at a time (the first enabled plugin's, by plugin id); with none the
 * core searches titles and posts plainly. A provider that throws is contained and the core fallback answers. It runs
 * off the event loop and may block. It must only return what the viewer may see.
 */
@FunctionalInterface
public interface SearchProvider {

    /** The hits for one query. */
    SearchResults search(SearchQuery query) throws Exception;
}
