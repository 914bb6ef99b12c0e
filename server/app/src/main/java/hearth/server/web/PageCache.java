package hearth.server.web;

import hearth.api.events.EventListener;
import hearth.api.events.JournalEntry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Rendered pages that every visitor without an account sees alike (topic pages, topic lists), kept in memory. A page
 * is rendered with a marker where the visitor's CSRF token goes, and each visitor gets a copy with their own token.
 *
 * <p>Everything a page shows that can change is written through the journal, so this cache follows the journal on
 * every node and forgets everything at each new entry: a new post, edit, like or category change shows at once (on
 * other nodes within the journal's poll). Any changing request forgets everything on its node too. What changes
 * without a journal entry on another node (a setting, a plugin switched on) shows there within {@link #FRESH}.
 * Signed-in members are never served from here.
 */
public final class PageCache implements EventListener {

    public static final String ID = "core.page-cache";
    /** How long a page is served at most, for changes the journal does not carry. */
    public static final Duration FRESH = Duration.ofSeconds(10);
    /** Memory for pages, in bytes (a topic page is about 25,000). */
    private static final long BUDGET = 8_000_000;

    /**
     * A page as UTF-8 bytes cut where the token goes, so a visitor's copy is the parts joined by their token: no
     * string search and no encoding per request (both cost more than the whole rest of a cached answer).
     */
    private record Page(List<byte[]> parts, int size, Instant rendered) {

        static Page of(String html, String marker, Instant rendered) {
            List<byte[]> parts = new ArrayList<>();
            int from = 0;
            for (int at = html.indexOf(marker); at >= 0; at = html.indexOf(marker, from)) {
                parts.add(html.substring(from, at).getBytes(StandardCharsets.UTF_8));
                from = at + marker.length();
            }
            parts.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
            return new Page(List.copyOf(parts), parts.stream().mapToInt(b -> b.length).sum(), rendered);
        }

        Buffer with(String token) {
            byte[] between = token.getBytes(StandardCharsets.UTF_8);
            Buffer copy = Buffer.buffer(size + between.length * (parts.size() - 1));
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    copy.appendBytes(between);
                }
                copy.appendBytes(parts.get(i));
            }
            return copy;
        }
    }

    private final Clock clock;
    private final Predicate<RoutingContext> signedIn;
    private final String marker = "csrf" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private final Map<String, Page> pages = new LinkedHashMap<>(256, 0.75f, true);
    private long size;
    /** Grows with each journal entry: a page read from the database before it must not be kept after it. */
    private long generation;

    /** {@code signedIn} tells whether a request came from a member (session or API key). */
    public PageCache(Clock clock, Predicate<RoutingContext> signedIn) {
        this.clock = clock;
        this.signedIn = signedIn;
    }

    /** The stand-in for the CSRF token while a shared page renders. */
    String marker() {
        return marker;
    }

    /** Where a shared page goes, and the journal generation it was read in. */
    record Slot(String key, long generation) {
    }

    /**
     * The key of this request's page if visitors share it: a GET without a signed-in viewer, told apart by its URL
     * and the page globals (display preferences, the announcement) other than the CSRF token.
     */
    synchronized Optional<Slot> slot(String method, String uri, boolean signedIn, boolean htmx,
                                     Map<String, Object> globals) {
        if (!"GET".equals(method) || signedIn) {
            return Optional.empty();
        }
        Map<String, Object> shared = new TreeMap<>(globals);
        shared.remove("csrf");
        return Optional.of(new Slot(uri + (htmx ? "#htmx" : "") + "#" + shared, generation));
    }

    /** This visitor's copy of the page, with their CSRF token, if the page is here and fresh. */
    Optional<Buffer> get(String key, String csrf) {
        Page page;
        synchronized (this) {
            page = pages.get(key);
            if (page == null) {
                return Optional.empty();
            }
            if (page.rendered().plus(FRESH).isBefore(clock.instant())) {
                remove(key);
                return Optional.empty();
            }
        }
        return Optional.of(page.with(csrf));
    }

    /** Keeps a page rendered with the marker, unless the journal moved on since its data was read. */
    synchronized void put(Slot slot, String html) {
        if (slot.generation() != generation) {
            return;
        }
        String key = slot.key();
        remove(key);
        Page page = Page.of(html, marker, clock.instant());
        pages.put(key, page);
        size += page.size();
        var oldest = pages.entrySet().iterator();
        while (size > BUDGET && oldest.hasNext()) {
            size -= oldest.next().getValue().size();
            oldest.remove();
        }
    }

    private void remove(String key) {
        Page gone = pages.remove(key);
        if (gone != null) {
            size -= gone.size();
        }
    }

    @Override
    public void on(JournalEntry entry) {
        forget();
    }

    /**
     * Forgets every page. Also called before the answer to a member's successful request that may change something
     * (POST, PUT, PATCH, DELETE) goes out, so that what an admin changes without a journal entry (a setting, a plugin
     * switched on) shows on this node at once. Visitors' requests (sign-up, refused forms) do not empty it: a flood
     * of them must not turn the cache off.
     */
    public synchronized void forget() {
        generation++;
        pages.clear();
        size = 0;
    }

    /** Runs before each request's own handlers: see {@link #forget}. */
    public void forgetAfterChanges(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            ctx.addHeadersEndHandler(v -> {
                if (ctx.response().getStatusCode() < 400 && signedIn.test(ctx)) {
                    forget();
                }
            });
        }
        ctx.next();
    }
}
