package io.emporium.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for page tests: Debian's Chromium, headless, driven through its own chromium-driver (Selenium is told
 * where both are, so it never downloads a browser or a driver). As a JUnit extension it saves a screenshot of every
 * failed test under {@code target/browser-screenshots/}, and quits the browser after the test class: JUnit does not
 * close an extension field by itself, and each forgotten one left a chromedriver and its Chromium running after the
 * test JVM had gone.
 */
public final class Browser implements AutoCloseable, AfterTestExecutionCallback, AfterAllCallback {

    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    public final ChromeDriver driver;

    public Browser() {
        String chromium = env("EMPORIUM_TEST_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = env("EMPORIUM_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
            throw new IllegalStateException("No Chromium at " + chromium + " or no chromium-driver at " + chromedriver
                    + ": run the tests with 'infra/emporium test' (it installs the packages chromium and chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
        this.driver = new ChromeDriver(service, options);
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    /** A screenshot of the page as it is now (also what the README shows: {@code docs/*.png}). */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent()) {
            screenshot(SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + ".png"));
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
