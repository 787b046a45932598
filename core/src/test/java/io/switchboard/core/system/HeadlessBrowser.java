package io.switchboard.core.system;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium for the browser tests: Debian's chromium driven through its chromedriver, and the folder where
 * the tests leave their screenshots ({@code core/target/screenshots}).
 */
final class HeadlessBrowser
{
    static final Path SCREENSHOTS = Sipp.ROOT.resolve("core/target/screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessBrowser()
    {
    }

    /** Skips the test where chromium or chromedriver is not installed ({@code scripts/test.sh} installs both). */
    static void assumeInstalled()
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "the browser test needs chromium and chromium-driver (scripts/test.sh installs them)");
    }

    /** A new headless browser with a window of {@code width}x{@code height} and any more arguments of chromium. */
    static ChromeDriver open(final int width, final int height, final String... more) throws IOException
    {
        return new ChromeDriver(options(width, height, more));
    }

    /**
     * The same whose user prefers {@code language} (such as "zh-CN"): the browser's own language and the one it
     * asks pages in, so that {@code navigator.languages} starts with it.
     */
    static ChromeDriver openIn(final String language, final int width, final int height) throws IOException
    {
        final ChromeOptions options = options(width, height, "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        return new ChromeDriver(options);
    }

    private static ChromeOptions options(final int width, final int height, final String... more) throws IOException
    {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            "--window-size=" + width + "," + height);
        options.addArguments(more);
        Files.createDirectories(SCREENSHOTS);
        return options;
    }

    /** Saves what the browser shows as {@code core/target/screenshots/<name>} (nothing when it is not open). */
    static void screenshot(final WebDriver browser, final String name) throws IOException
    {
        if (browser != null)
        {
            Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot)browser).getScreenshotAs(OutputType.BYTES));
        }
    }
}
