package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.flows.AudioStoreTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The administration pages of issue 17 in a real browser (headless Chromium), each change read back through the
 * API: the audio library (a WAV uploaded with its name, renamed in place, deleted), the numbers (one bound to a
 * published flow as an outbound number), the break reasons (one added, one renamed), the agents list filtered by
 * name and by skill group, and a trunk entered in the form (a bad host refused under its field, then saved).
 * Screenshots in core/target/screenshots.
 */
@Timeout(180)
@ServerSystemTest.Tenant(AdminListsBrowserTest.TENANT)
class AdminListsBrowserTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" }, { "name": "sales" } ],
                   "breakReasons": ["rest", "lunch"],
                   "agents": [ { "staffNo": "A1", "name": "Alice Wang", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "name": "Bob Li", "extension": "1002", "groups": ["sales"] },
                               { "staffNo": "A3", "name": "Carol Wang", "extension": "1003", "groups": ["sales"] } ],
                   "numbers": [ { "number": "4000", "group": "support" } ] }
        , "ivr": { "flowsDir": "target/admin-lists/flows", "audioDir": "target/admin-lists/audio",
                   "speechCacheDir": "target/admin-lists/tts" }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path FILES = Path.of("target/admin-lists");
    private static final String FLOW = """
        { "name": "hello", "nodes": [
          { "type": "start", "id": "start", "next": "bye" },
          { "type": "end", "id": "bye" }
        ] }
        """;

    private static ChromeDriver browser;
    private static WorkbenchPage page;
    private static CallApi api;

    @TempDir
    static Path files;

    @BeforeAll
    static void logIn() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        // a fresh audio directory: the library's files are its state
        server.close();
        if (Files.exists(FILES))
        {
            try (Stream<Path> all = Files.walk(FILES))
            {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        server = TestServers.start(TENANT, Files.createTempDirectory("switchboard-test").toString());
        browser = HeadlessBrowser.open(1280, 1000);
        page = WorkbenchPage.asAdministrator(browser, server.httpPort(), WAIT);
        api = new CallApi(server.httpPort());
    }

    @AfterAll
    static void closeBrowser()
    {
        if (browser != null)
        {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void theAudioNumbersBreakReasonsAgentsAndTrunkPagesWork() throws Exception
    {
        String step = "audio";
        try
        {
            audio();
            step = "numbers";
            numbers();
            step = "reasons";
            breakReasons();
            step = "agents";
            agentsFilter();
            step = "trunks";
            trunkForm();
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "admin-lists-" + step + "-failure.png");
            throw failure;
        }
    }

    private void audio() throws Exception
    {
        tab("audio");
        final Path wav = files.resolve("welcome.wav");
        Files.write(wav, AudioStoreTest.wav16k(300));
        page.visible(By.id("aud-name")).sendKeys("欢迎语");
        browser.findElement(By.id("aud-id")).sendKeys("welcome");
        browser.findElement(By.id("aud-file")).sendKeys(wav.toString());
        page.click(By.id("aud-upload"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#audio-table tbody"), "欢迎语"));
        final JsonNode uploaded = api.get("/api/audio/welcome").body();
        assertEquals("欢迎语", uploaded.get("name").asText(), uploaded::toString);
        assertEquals("welcome.wav", uploaded.get("fileName").asText(), uploaded::toString);
        assertEquals(DemoAccounts.ADMIN, uploaded.get("uploader").asText(), uploaded::toString);

        rowButton("audio-table", "welcome", "Rename");
        final WebElement input = page.visible(By.cssSelector("#audio-table input.in-place"));
        input.clear();
        input.sendKeys("Welcome prompt", Keys.ENTER);
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#audio-table tbody"),
            "Welcome prompt"));
        assertEquals("Welcome prompt", api.get("/api/audio/welcome").body().get("name").asText());
        HeadlessBrowser.screenshot(browser, "admin-audio.png");

        rowButton("audio-table", "welcome", "Delete");
        page.click(By.id("confirm-yes"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#audio-table tbody"),
            "No audio."));
        assertEquals(404, api.get("/api/audio/welcome").status());
    }

    private void numbers() throws Exception
    {
        assertEquals(200, api.put("/api/flows/hello", FLOW).status());
        assertEquals(200, api.post("/api/flows/hello/publish", "{}").status());
        tab("numbers");
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#numbers-table tbody"),
            "support"));
        page.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#num-flow option[value='hello']")));
        page.visible(By.id("num-number")).sendKeys("+862150001234");
        new Select(browser.findElement(By.id("num-direction"))).selectByValue("outbound");
        new Select(browser.findElement(By.id("num-flow"))).selectByValue("hello");
        page.click(By.id("num-bind"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#numbers-table tbody"),
            "+862150001234"));
        HeadlessBrowser.screenshot(browser, "admin-numbers.png");
        final JsonNode numbers = api.get("/api/numbers").body();
        assertTrue(numbers.toString().contains(
            "{\"number\":\"+862150001234\",\"direction\":\"outbound\",\"flow\":\"hello\"}"), numbers::toString);
    }

    private void breakReasons() throws Exception
    {
        tab("reasons");
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#reasons-table tbody"),
            "lunch"));
        page.visible(By.id("rsn-name")).sendKeys("培训", Keys.ENTER);
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#reasons-table tbody"), "培训"));
        rowButton("reasons-table", "lunch", "Rename");
        final WebElement input = page.visible(By.cssSelector("#reasons-table input.in-place"));
        input.clear();
        input.sendKeys("午餐", Keys.ENTER);
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#reasons-table tbody"), "午餐"));
        HeadlessBrowser.screenshot(browser, "admin-reasons.png");
        assertEquals(List.of("rest", "午餐", "培训"), CallApi.texts(api.get("/api/break-reasons").body()));
    }

    private void agentsFilter() throws Exception
    {
        tab("agents");
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#agents-table tbody"),
            "Carol Wang"));
        page.visible(By.id("agf-name")).sendKeys("wang", Keys.ENTER);
        page.until(d -> rows("agents-table") == 2);
        assertTrue(text("agents-table").contains("Alice Wang") && !text("agents-table").contains("Bob Li"),
            () -> text("agents-table"));
        page.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#agf-group option[value='sales']")));
        new Select(browser.findElement(By.id("agf-group"))).selectByValue("sales");
        page.until(d -> rows("agents-table") == 1 && text("agents-table").contains("Carol Wang"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("agf-info"), "1"));
        HeadlessBrowser.screenshot(browser, "admin-agents-filtered.png");
    }

    private void trunkForm() throws Exception
    {
        tab("trunks");
        page.visible(By.id("trk-name")).sendKeys("carrier");
        browser.findElement(By.id("trk-host")).sendKeys("bad host!");
        browser.findElement(By.id("trk-numbers")).sendKeys("+4930123456");
        page.click(By.id("trk-save"));
        page.until(ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#trunk-form .field-error[data-for='trk-host']")));
        assertTrue(!api.get("/api/trunks").body().toString().contains("carrier"),
            "nothing saved while the form has problems");
        final WebElement host = browser.findElement(By.id("trk-host"));
        host.clear();
        host.sendKeys("127.0.0.1");
        final WebElement maxCalls = browser.findElement(By.id("trk-max-calls"));
        maxCalls.clear();
        maxCalls.sendKeys("4");
        page.click(By.id("trk-save"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#trunks-table tbody"),
            "127.0.0.1"));
        HeadlessBrowser.screenshot(browser, "admin-trunk-form.png");
        final JsonNode trunks = api.get("/api/trunks").body();
        final JsonNode carrier = trunks.get(0);
        assertEquals("carrier", carrier.get("name").asText(), trunks::toString);
        assertEquals(4, carrier.get("maxCalls").asInt(), trunks::toString);
        assertEquals("+4930123456", carrier.get("numbers").get(0).asText(), trunks::toString);
    }

    private static void tab(final String name)
    {
        page.click(By.cssSelector(".admin-tab[data-admin='" + name + "']"));
        page.visible(By.id("admin-" + name));
    }

    /** Clicks the button labelled {@code label} in the row of {@code table} that shows {@code content}. */
    private static void rowButton(final String table, final String content, final String label)
    {
        page.click(By.xpath("//table[@id='" + table + "']//tr[td[normalize-space(.)='" + content + "']]"
            + "//button[normalize-space(.)='" + label + "']"));
    }

    private static int rows(final String table)
    {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).size();
    }

    private static String text(final String table)
    {
        return browser.findElement(By.cssSelector("#" + table + " tbody")).getText();
    }
}
