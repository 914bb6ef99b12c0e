package hearth.server.calendars;

import hearth.api.errors.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a calendar for an admin's import, guarded against server-side request forgery: http and https only, no
 * user info in the address, and every address the host name resolves to must be a public one (not loopback, private,
 * link-local, unique-local, carrier-grade NAT, multicast or unspecified) unless the site allows private addresses
 * ({@code import-private-addresses}). Redirects are followed by hand, at most {@link #REDIRECTS}, each target checked
 * the same way. The body is read up to {@link #MAX_BYTES}; connecting and the whole exchange have time limits. The
 * JDK client resolves the name again when connecting, so a name whose DNS answer changes in between could still
 * reach a private address; the check narrows that window rather than closing it, and only admins can ask.
 */
final class IcsFetcher {

    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int REDIRECTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final boolean allowPrivate;

    IcsFetcher(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The calendar's text; fails with {@link InvalidInput} on the {@code url} field. Runs off the event loop. */
    CompletableFuture<String> fetch(String address) {
        return CompletableFuture.supplyAsync(() -> check(address)).thenCompose(uri -> get(uri, 0))
                .orTimeout(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
    }

    private CompletableFuture<String> get(URI uri, int redirects) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "text/calendar, */*;q=0.5").header("User-Agent", "Hearth calendar import").GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .exceptionally(failure -> {
                    throw new InvalidInput("url", "Could not fetch the calendar: " + reason(failure) + ".");
                })
                .thenCompose(response -> {
                    int status = response.statusCode();
                    if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                        close(response.body());
                        if (redirects >= REDIRECTS) {
                            throw new InvalidInput("url", "The address redirects too often.");
                        }
                        URI next = check(uri.resolve(response.headers().firstValue("Location").get()).toString());
                        return get(next, redirects + 1);
                    }
                    if (status != 200) {
                        close(response.body());
                        throw new InvalidInput("url", "The address answered " + status + " instead of a calendar.");
                    }
                    return CompletableFuture.completedFuture(read(response.body()));
                });
    }

    /** The address, if it is one the site may fetch. */
    URI check(String address) {
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInput("url", "This is not a web address.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidInput("url", "Give an http:// or https:// address.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInput("url", "Leave the user name and password out of the address.");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new InvalidInput("url", "There is no such host: " + uri.getHost() + ".");
        }
        for (InetAddress resolved : addresses) {
            if (!allowPrivate && !isPublic(resolved)) {
                throw new InvalidInput("url", "The address points into a private network; imports fetch only "
                        + "public addresses.");
            }
        }
        return uri;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean mappedV4 = isMappedV4(b);
            return !uniqueLocal && (!mappedV4 || isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}));
        }
        return isPublicV4(b);
    }

    private static boolean isPublicV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0 && first != 10 && first != 127 && !(first == 100 && second >= 64 && second < 128)
                && !(first == 169 && second == 254) && !(first == 172 && second >= 16 && second < 32)
                && !(first == 192 && second == 168) && first < 224;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static String read(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidInput("url", "The calendar is larger than " + MAX_BYTES / (1024 * 1024) + " MB.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInput("url", "Could not read the calendar: " + e.getMessage() + ".");
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // nothing was read from it, and the connection is let go either way
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof HttpTimeoutException ? "it took too long"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
