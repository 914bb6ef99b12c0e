package hearth.server.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's real browser against a {@link TestSite}: Debian's headless Chromium driven through chromedriver, each
 * session with its own profile (cookies). Nothing is downloaded: both binaries must be installed ({@code apt-get
 * install chromium chromium-driver}, which {@code .ci/run} and the build's {@code .ci/install-chromium} do).
 */
public final class Chrome implements AutoCloseable {

    /** Overridable for machines where the binaries live elsewhere. */
    private static final Path BROWSER = Path.of(System.getenv().getOrDefault("HEARTH_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("HEARTH_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path AXE = Path.of("target", "axe", "package", "axe.min.js");
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** Names the element reaching furthest right, to say what makes a page scroll sideways. */
    private static final String WIDEST = "let widest = null, right = 0;"
            + "for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect().right;"
            + " if (r > right) { right = r; widest = e; } }"
            + "return widest ? widest.tagName.toLowerCase() + (widest.className ? '.' + widest.className : '') : '';";

    private final TestSite site;
    private final ChromeDriver driver;

    private Chrome(TestSite site, ChromeDriver driver) {
        this.site = site;
        this.driver = driver;
    }

    /** A new browser with an empty profile, 1280 px wide. */
    public static Chrome open(TestSite site) {
        for (Path binary : List.of(BROWSER, DRIVER)) {
            assertTrue(Files.isExecutable(binary), binary + " is missing: browser tests need Debian's chromium and"
                    + " chromium-driver (apt-get install chromium chromium-driver, as .ci/install-chromium does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // The flags this machine's closed network needs: no background connections, no component updates.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--disable-extensions", "--window-size=1280,900", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        Chrome chrome = new Chrome(site, driver);
        chrome.width(1280);
        return chrome;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads a page of the site and waits until it has loaded. */
    public Chrome visit(String path) {
        driver.get(site.uri(path).toString());
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf('/', "http://".length()));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The form control whose visible label is {@code label} (labels are required on every field). */
    public WebElement field(String label) {
        WebElement element = driver.findElement(By.xpath("//label[normalize-space(.)=" + xpathString(label) + "]"));
        String id = element.getDomAttribute("for");
        return id == null || id.isEmpty()
                ? element.findElement(By.xpath(".//*[self::input or self::textarea or self::select]"))
                : driver.findElement(By.id(id));
    }

    public Chrome type(String label, String text) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks the button (or submit input) whose text is {@code text}. */
    public Chrome press(String text) {
        driver.findElement(By.xpath("//button[normalize-space(.)=" + xpathString(text) + "]")).click();
        return this;
    }

    public Chrome click(String css) {
        find(css).click();
        return this;
    }

    /** Waits until {@code condition} gives something other than null or false. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        // A page being replaced (a form posted, a link followed) leaves found elements stale: look again.
        return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public Chrome awaitText(String text) {
        await("page text '" + text + "' on " + path(), d -> text().contains(text));
        return this;
    }

    /** Presses keys on whatever has the focus, the way a keyboard does. */
    public Chrome keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Tabs forward until the focused element matches {@code css}; fails after {@code limit} presses. */
    public WebElement tabTo(String css, int limit) {
        for (int i = 0; i < limit; i++) {
            keys(Keys.TAB);
            WebElement focused = driver.switchTo().activeElement();
            if ((Boolean) driver.executeScript("return arguments[0].matches(arguments[1])", focused, css)) {
                return focused;
            }
        }
        throw new AssertionError("No element matching " + css + " within " + limit + " tab presses on " + path());
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Lays the page out as a phone or desktop of {@code width} CSS pixels. */
    public Chrome width(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900,
                "deviceScaleFactor", 1, "mobile", width < 600));
        return this;
    }

    /** Runs the page's scripts and layout {@code times} slower, like a busy machine or a cheap phone. */
    public Chrome slowDown(int times) {
        driver.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", times));
        return this;
    }

    /** Emulates the system's colour scheme ({@code light} or {@code dark}). */
    public Chrome colourScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        return this;
    }

    /**
     * Saves the whole current page at 375 px and at 1280 px wide under {@code target/screenshots/<name>-<w>.png}.
     *
     * @return the widths at which the page scrolls sideways (checked down to 320 px, the narrowest phones), as
     *     messages; empty when the layout fits
     */
    public List<String> screenshots(String name) {
        List<String> overflows = new ArrayList<>(overflow(name, 320));
        for (int w : new int[] {375, 1280}) {
            overflows.addAll(overflow(name, w));
            long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", w,
                    "height", (int) Math.min(Math.max(height, 600), 6000), "deviceScaleFactor", 1, "mobile", w < 600));
            save(name + "-" + w + ".png");
        }
        width(1280);
        return overflows;
    }

    private List<String> overflow(String name, int w) {
        width(w);
        long scrollWidth = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        return scrollWidth <= w ? List.of() : List.of(name + " scrolls sideways at " + w + " px (" + scrollWidth
                + " px wide: " + script(WIDEST) + ")");
    }

    private void save(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's violations on the current page of impact serious or critical, as "rule: target (summary)" lines. */
    @SuppressWarnings("unchecked")
    public List<String> seriousAccessibilityViolations() {
        if (!(Boolean) script("return typeof window.axe !== 'undefined'")) {
            try {
                script(Files.readString(AXE, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(AXE + " is missing: the build fetches axe-core from the npm registry", e);
            }
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || ''))}))))"
                        + ".catch(e => done([{id: 'axe-failed', impact: 'critical', help: String(e), nodes: []}]));");
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("help") + "): " + v.get("nodes"))
                .toList();
    }

    /** What moved while the page loaded, as Chromium measures it: the cumulative score and the elements that moved. */
    public record LayoutShift(double score, String moved) {
    }

    public LayoutShift layoutShift() {
        @SuppressWarnings("unchecked")
        Map<String, Object> shift = (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; let score = 0; const moved = new Set();"
                + "new PerformanceObserver(list => { for (const e of list.getEntries()) { if (e.hadRecentInput)"
                + " continue; score += e.value; for (const s of e.sources || []) { const n = s.node;"
                + " if (n) moved.add(n.nodeName.toLowerCase() + (n.id ? '#' + n.id : '')"
                + " + (n.className && n.className.baseVal === undefined ? '.' + n.className : '')); } } })"
                + ".observe({type: 'layout-shift', buffered: true});"
                + "setTimeout(() => done({score: score, moved: [...moved].join(', ')}), 300);");
        return new LayoutShift(((Number) shift.get("score")).doubleValue(), (String) shift.get("moved"));
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(driver.manage().getCookieNamed(name)).map(c -> c.getValue());
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String xpathString(String s) {
        return s.contains("'") ? "\"" + s + "\"" : "'" + s + "'";
    }
}
