package hearth.api.web;

import hearth.api.views.MemberView;
import java.util.List;
import java.util.Optional;

/** One request to a plugin route, as the handler needs it. */
public interface PageRequest {

    /** {@code GET} or {@code POST}. */
    String method();

    /** The path below the plugin's prefix, e.g. {@code /about}. */
    String path();

    /** A {@code :name} segment of the route's path. */
    String param(String name);

    /** A query-string parameter, or empty. */
    Optional<String> query(String name);

    /**
     * A form field of a POST (URL-encoded or multipart; since 1.1.0 also a top-level field of a JSON object body, as
     * text), or empty.
     */
    Optional<String> form(String name);

    /**
     * Every value of a form field that may repeat (checkboxes of one name), in order; empty when absent. Since 1.2.0
     * a JSON body's array of plain values (e.g. {@code "categories": [3, 5]}) gives one value per element.
     *
     * @since 1.1.0
     */
    List<String> formValues(String name);

    /** A request header, or empty. */
    Optional<String> header(String name);

    /**
     * The address the request came from: the connection's peer, or behind the reverse proxies the admin trusts
     * (setting {@code trusted-proxies}) the client's address they forwarded. Use it for per-address limits; never
     * read {@code X-Forwarded-For} yourself, as anyone can write it.
     *
     * @since 1.3.0
     */
    String clientAddress();

    /** The signed-in member, or empty for an anonymous visitor. */
    Optional<MemberView> viewer();

    /** Whether htmx sent the request ({@code HX-Request}): answer with a fragment instead of a whole page. */
    boolean htmx();
}
