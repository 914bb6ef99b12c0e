package hearth.api.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A finished request.
 *
 * @param at       when it arrived
 * @param method   the HTTP method
 * @param path     the path, without the query string
 * @param status   the response status
 * @param took     from arrival to the end of the response
 * @param memberId the signed-in member, or empty
 * @param referrer the {@code Referer} header, or empty
 */
public record ObservedRequest(Instant at, String method, String path, int status, Duration took,
                              Optional<Long> memberId, Optional<String> referrer) {
}
