package io.switchboard.core.system;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven through its chromedriver, for the browser tests: a test is skipped only where
 * they are not installed ({@code scripts/test.sh} installs both).
 */
final class HeadlessChromium
{
    static final Path SCREENSHOTS = Sipp.ROOT.resolve("core/target/screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium()
    {
    }

    /** A new browser window of {@code width,height} pixels, pages and scripts given {@code wait} at most. */
    static ChromeDriver open(final String windowSize, final Duration wait) throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "the browser test needs chromium and chromium-driver (scripts/test.sh installs them)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            "--window-size=" + windowSize);
        final ChromeDriver browser = new ChromeDriver(options);
        browser.manage().timeouts().pageLoadTimeout(wait).scriptTimeout(wait);
        Files.createDirectories(SCREENSHOTS);
        return browser;
    }
}
