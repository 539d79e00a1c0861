package io.newshound.devkit.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

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
 * The web console in the machine's headless Chromium, driven through its own chromedriver (Debian's {@code chromium}
 * and {@code chromium-driver}; {@code -Dnewshound.chromium} and {@code -Dnewshound.chromedriver} name others). Both
 * binaries are given, so Selenium never looks for or downloads a browser or driver. Each instance has a fresh profile
 * directory, removed on close.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("newshound.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("newshound.chromedriver", "/usr/bin/chromedriver"));
    /** Where screenshots of the pages go, as test output of the module running the test. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    /** The browser, for what the helpers below do not cover. */
    public final ChromeDriver driver;
    /** Waits up to 30 seconds; {@code wait.withTimeout(...)} for longer. */
    public final WebDriverWait wait;
    private final String base;
    private final Path profile;

    private ConsoleBrowser(URL base) throws IOException {
        this.base = base.toString().replaceAll("/+$", "");
        this.profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Starts a browser for the console of the alert-service at {@code base} ({@code http://host:port/}). */
    public static ConsoleBrowser open(URL base) {
        try {
            return new ConsoleBrowser(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a console path such as {@code /console/feed}. */
    public void go(String path) {
        driver.get(base + path);
    }

    /** @return the path of the page shown */
    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Signs in through the form and waits for the live feed. */
    public void signIn(String key) {
        go("/console/login");
        driver.findElement(By.id("key")).sendKeys(key);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(d -> path().equals("/console/feed"));
    }

    /** @return the element, once it is visible */
    public WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Scrolls the page so the element is at the top of the window (before a screenshot of it, say). */
    public void scrollTo(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView(true);", element);
    }

    /** Saves the page as {@code target/console-screenshots/<name>.png}, at a desktop and at a phone width. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // the page's own window first, at desktop width, then the same page at a phone's
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Dimension desktop = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(390, 844));
            File phone = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(phone.toPath(), SCREENSHOTS.resolve(name + "-phone.png"), StandardCopyOption.REPLACE_EXISTING);
            driver.manage().window().setSize(desktop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a profile left in the temp directory harms nothing
            }
        }
    }
}
