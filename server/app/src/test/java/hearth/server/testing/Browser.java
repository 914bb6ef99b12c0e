package hearth.server.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser against a {@link TestSite}: keeps cookies, does not follow redirects (tests look at them), and
 * fills forms the way a page does, with the CSRF token the page carries.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final TestSite site;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final String userAgent;

    public Browser(TestSite site) {
        this(site, "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
    }

    public Browser(TestSite site, String userAgent) {
        this.site = site;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(site.uri(path)).GET());
    }

    /** Loads {@code page}, then posts {@code fields} to {@code action} with the page's CSRF token. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields) {
        return submit(page, action, fields, new String[0]);
    }

    /** {@link #submit(String, String, Map)} with extra request headers (name, value...), e.g. htmx's HX-Request. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields, String... headers) {
        HttpResponse<String> form = get(page);
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new AssertionError("No CSRF token on " + page + ":\n" + form.body());
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", m.group(1));
        return post(action, all, headers);
    }

    /** Posts exactly these fields (no token added), with extra request headers (name, value...) if given. */
    public HttpResponse<String> post(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(site.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** A JSON API call with this browser's cookies and, like htmx, the CSRF token as a header. */
    public HttpResponse<String> json(String method, String path, String body) {
        if (cookie("hearth_csrf").isEmpty()) {
            get("/login");
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(site.uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-CSRF-Token", cookie("hearth_csrf").orElseThrow().getValue())
                .method(method, publisher));
    }

    /** Posts a multipart form with one file, the way a file input does, with the page's CSRF token. */
    public HttpResponse<String> upload(String page, String action, String field, String fileName, String contentType,
                                       byte[] content) {
        return upload(page, action, field, fileName, contentType, content, new String[0]);
    }

    /** {@link #upload(String, String, String, String, String, byte[])} with extra request headers (name, value...). */
    public HttpResponse<String> upload(String page, String action, String field, String fileName, String contentType,
                                       byte[] content, String... headers) {
        return upload(page, action, Map.of(), field, fileName, contentType, content, headers);
    }

    /** Posts a multipart form with other {@code fields} besides the file, the way a form with a file input does. */
    public HttpResponse<String> upload(String page, String action, Map<String, String> fields, String field,
                                       String fileName, String contentType, byte[] content, String... headers) {
        Matcher m = CSRF.matcher(get(page).body());
        if (!m.find()) {
            throw new AssertionError("No CSRF token on " + page);
        }
        String boundary = "----hearth-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(body, true, StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", m.group(1));
        all.forEach((name, value) -> out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n"));
        out.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        out.write(content, 0, content.length);
        out.print("\r\n--" + boundary + "--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(site.uri(action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(site.uri(path)).header("User-Agent", userAgent).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens an event stream with this browser's cookies. */
    public SseClient events(String path) {
        return SseClient.open(http, site.uri(path), "User-Agent", userAgent);
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    public void forget(String cookieName) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(cookieName)).toList()
                .forEach(c -> cookies.getCookieStore().remove(URI.create("http://127.0.0.1"), c));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("User-Agent", userAgent).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
