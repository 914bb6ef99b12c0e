package hearth.api.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A finished request.
 *
 * @param at        when it arrived
 * @param method    the HTTP method
 * @param path      the path, without the query string
 * @param status    the response status
 * @param took      from arrival to the end of the response
 * @param memberId  the signed-in member, or empty
 * @param referrer  the {@code Referer} header, or empty
 * @param userAgent the {@code User-Agent} header, or empty (for telling bots apart); since 1.3.0
 * @param visitor   an opaque id of the client (its address and user agent hashed with a salt that the server
 *                  draws at random each UTC day and never stores): the same for one client through one day, not
 *                  linkable across days, never the address itself; empty when unknown; since 1.3.0
 */
public record ObservedRequest(Instant at, String method, String path, int status, Duration took,
                              Optional<Long> memberId, Optional<String> referrer, Optional<String> userAgent,
                              Optional<String> visitor) {

    /** A request without user agent or visitor (as API 1.2.0 described requests). */
    public ObservedRequest(Instant at, String method, String path, int status, Duration took,
                           Optional<Long> memberId, Optional<String> referrer) {
        this(at, method, path, status, took, memberId, referrer, Optional.empty(), Optional.empty());
    }
}
