package hearth.api.observe;

/**
 * Sees every page and API request after its response has been sent (not asset or health-check requests). Called
 * off the request path, one request at a time per observer; it must still be quick (count, queue), as requests keep
 * coming. An exception is contained and counted.
 */
@FunctionalInterface
public interface RequestObserver {

    /** One finished request. */
    void observe(ObservedRequest request) throws Exception;
}
