package org.exchangenode.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a person sees it: the machine's headless Chromium ({@code /usr/bin/chromium}, Debian package
 * chromium) driven through its own chromedriver ({@code /usr/bin/chromedriver}, package chromium-driver), both named
 * explicitly so that Selenium Manager is never asked for (and never downloads) a driver or a browser. Chinese first
 * (lang zh-CN, as the console's users), 1280×900, downloads into a folder of the test's own.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("exn.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("exn.chromedriver", "/usr/bin/chromedriver"));
    /** integration-tests/target/console-screenshots: one PNG per scenario and page. */
    static final Path SCREENSHOTS = NodeProcess.WORK.getParent().resolve("console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path downloads;

    /** @param downloads where the browser saves downloads without asking (created) */
    ConsoleBrowser(String baseUrl, Path downloads) throws IOException {
        this.baseUrl = baseUrl;
        this.downloads = Files.createDirectories(downloads.toAbsolutePath());
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: install the Debian packages chromium and chromium-driver (.ci/run does)");
        }
        // The driver's own file: Selenium's DriverFinder then skips Selenium Manager altogether.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // the browser's own words (date pickers, validation bubbles) in Chinese too; Debian's chromium has
                // only en-US until chromium-l10n is installed, and then wants the locale in its environment
                .withEnvironment(Map.of("LANGUAGE", "zh_CN:zh", "LANG", "zh_CN.UTF-8"))
                .withLogFile(NodeProcess.WORK.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=1280,900", "--lang=zh-CN", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                // nothing in the background reaches out: no component or safe-browsing updates, no sync
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions",
                // and nothing but the node's loopback address resolves: a page or the browser itself reaching
                // for another host fails instead of going out
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox"); // Chromium refuses to run its sandbox as root
        }
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", "zh-CN,zh");
        prefs.put("download.default_directory", this.downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        options.setExperimentalOption("prefs", prefs);
        this.driver = new ChromeDriver(service, options);
        // headless Chromium saves downloads only where it is told to (the preference alone is not always heeded)
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", this.downloads.toString()));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a console path ({@code /console/...}) and waits until the page has loaded. */
    ConsoleBrowser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Logs in through the form at /console/login (where /console sends a visitor without a session). */
    ConsoleBrowser login(String user, String password) {
        open("/console");
        waitFor("#login");
        type("#j_username", user);
        type("#j_password", password);
        click("#login-button");
        waitFor("#logout-button");
        return this;
    }

    /** Logs out with the page's button and waits for the login form. */
    void logout() {
        click("#logout-button");
        waitFor("#login");
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** Waits until the element is on the page and visible. */
    WebElement waitFor(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Ticks a checkbox (or clicks anything that stays on the page): nothing to wait for. */
    void tick(String css) {
        find(css).click();
    }

    /** Clicks and, when the click leaves the page, waits until the next page has loaded. */
    void click(String css) {
        click(find(css));
    }

    void click(WebElement element) {
        WebElement html = find("html");
        element.click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(2)).until(ExpectedConditions.stalenessOf(html));
        } catch (org.openqa.selenium.TimeoutException stayed) {
            // the click did not leave the page (a download, a checkbox): nothing to wait for
        }
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** Sets a field's value as the browser's own picker would (date fields type differently per locale). */
    void setValue(String css, String value) {
        driver.executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", find(css), value);
    }

    /** The visible text of every element matching, in page order (hidden ones left out); one call to the page. */
    @SuppressWarnings("unchecked")
    List<String> visibleTexts(String css) {
        return (List<String>) driver.executeScript("""
                return Array.from(document.querySelectorAll(arguments[0]))
                  .filter(e => e.checkVisibility()).map(e => e.innerText.trim()).filter(t => t.length > 0);
                """, css);
    }

    /** This page's CSRF token, as its forms carry it. */
    String csrf() {
        return find("input[name=csrf]").getDomAttribute("value");
    }

    /** What a hand-made POST got: the status (redirects not followed) and the body. */
    record Answer(int status, String body) {
    }

    /**
     * POSTs a form by hand, outside the page, with the browser's cookies for the console (the session and the CSRF
     * nonce, both HttpOnly): what a person with a copy of their cookies, or a script outside the console, can send.
     * {@code fields} go as given: leave out csrf to test it. (A script inside a console page cannot send it at all: the
     * console's Content-Security-Policy, default-src 'none', forbids fetch; see {@link #scriptPost}.)
     */
    Answer post(String path, Map<String, List<String>> fields) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        String body = fields.entrySet().stream().flatMap(field -> field.getValue().stream()
                        .map(value -> encode(field.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookies).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A POST sent by a script of the page with fetch(): the status, or -1 and the error when it could not be sent. */
    @SuppressWarnings("unchecked")
    Answer scriptPost(String path, Map<String, List<String>> fields) {
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const body = new URLSearchParams();
                for (const [name, values] of Object.entries(arguments[1])) {
                  for (const value of values) { body.append(name, value); }
                }
                fetch(arguments[0], {method: 'POST', body: body, redirect: 'manual'})
                  .then(r => r.text().then(t => done({status: r.status, body: t})))
                  .catch(e => done({status: -1, body: 'fetch failed: ' + e}));
                """, path, fields);
        Map<String, Object> answer = (Map<String, Object>) result;
        return new Answer(((Number) answer.get("status")).intValue(), (String) answer.get("body"));
    }

    /** Resizes the window (the viewport follows in headless Chromium). */
    void width(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
    }

    /** Whether the page scrolls sideways as a whole (a wide table must scroll inside its .table-wrap instead). */
    boolean scrollsSideways() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth");
    }

    /** Saves the whole window as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        // the whole page, not the first screen: the window grows to the page's height for the shot
        Dimension window = driver.manage().window().getSize();
        long chrome = window.height - ((Number) driver.executeScript("return window.innerHeight")).longValue();
        long page = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(window.width, (int) Math.min(Math.max(window.height,
                page + chrome), 6000)));
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    Path downloads() {
        return downloads;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
