package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.journal.ChronicleJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Playing a recording on the records page in a real browser (headless Chromium): an agent's records list its own
 * recorded call with a play button (not another agent's); the player opens, the audio plays (its position moves),
 * the waveform of both channels is drawn on the canvas (pixels of the customer's colour above the middle and of the
 * agent's below), the recorder's two marks are shown, a click in the waveform's middle seeks there, and the
 * playback is in the audit log; a supervisor's records list every agent's recordings, and another's plays (it has
 * no marks). Screenshots in core/target/screenshots/recording-player*.png.
 */
@Timeout(120)
@Tag("system")
class RecordingPlayerBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final By OWN_PLAY = By.cssSelector("#records-body button[data-play='"
        + RecordingPlaybackSystemTest.OWN + "']");

    private SwitchboardServer server;
    private WebDriver browser;

    @BeforeEach
    void recordsAndServer() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        final Path data = Files.createTempDirectory("switchboard-player");
        final String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().replace('-', '/');
        try (ChronicleJournal journal = ChronicleJournal.open(data.resolve("journal")))
        {
            RecordingPlaybackSystemTest.journal(journal, RecordingPlaybackSystemTest.record(
                RecordingPlaybackSystemTest.OWN, "A1").withRecording(day + "/own.wav"));
            RecordingPlaybackSystemTest.journal(journal, RecordingPlaybackSystemTest.record(
                RecordingPlaybackSystemTest.OTHER, "A2").withRecording(day + "/other.wav"));
        }
        final Path folder = Files.createDirectories(data.resolve("recordings").resolve(day));
        Files.write(folder.resolve("own.wav"), RecordingPlaybackSystemTest.stereoWav(6.0));
        Files.write(folder.resolve("other.wav"), RecordingPlaybackSystemTest.stereoWav(1.0));
        Files.writeString(folder.resolve("own.json"), "{\"marks\":[{\"atSeconds\":1.5,\"kind\":\"hold\"},"
            + "{\"atSeconds\":3,\"kind\":\"unhold\"}]}");
        server = TestServers.start(RecordsSystemTest.ACD, data.toString());
    }

    @AfterEach
    void close()
    {
        if (browser != null)
        {
            browser.quit();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void anAgentPlaysItsOwnRecordingWithItsWaveformAndMarksAndTheAccessIsAudited() throws Exception
    {
        browser = HeadlessBrowser.open(1600, 1000, "--autoplay-policy=no-user-gesture-required");
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        final WorkbenchPage page = new WorkbenchPage(browser, WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        try
        {
            page.logIn(DemoAccounts.email("1001"), DemoAccounts.password("1001"));
            page.useDeskPhone();
            page.click(By.id("tab-records"));
            page.visible(OWN_PLAY);
            page.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#records-body tr"), 1));
            page.click(OWN_PLAY);
            page.until(ExpectedConditions.attributeToBe(By.id("rec-player"), "data-waveform", "drawn"));
            page.until(ExpectedConditions.attributeToBe(By.id("rec-player"), "data-marks", "2"));
            final JavascriptExecutor js = (JavascriptExecutor)browser;
            page.until(driver -> (Boolean)js.executeScript(
                "return document.getElementById('rec-player-audio').currentTime > 0.2"));
            final Object[] lanes = pixels(js);
            assertTrue(((Number)lanes[0]).intValue() > 500, "the customer's waveform above: " + lanes[0]);
            assertTrue(((Number)lanes[1]).intValue() > 500, "the agent's waveform below: " + lanes[1]);

            // paused first, so that the position checked is the click's alone, however slow the machine
            js.executeScript("document.getElementById('rec-player-audio').pause()");
            final WebElement wave = page.visible(By.id("rec-player-wave"));
            new Actions(browser).moveToElement(wave).click().perform();
            page.until(driver -> (Boolean)js.executeScript("const a = document.getElementById('rec-player-audio');"
                + " return a.paused && a.currentTime >= 2.7 && a.currentTime <= 3.3;"));
            HeadlessBrowser.screenshot(browser, "recording-player.png");
            assertTrue(page.visible(By.id("rec-player-download")).getAttribute("href")
                .endsWith("/api/records/" + RecordingPlaybackSystemTest.OWN + "/recording?download=1"));
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "recording-player-failure.png");
            throw failure;
        }
        final CallApi admin = new CallApi(server.httpPort());
        final JsonNode audit = admin.get("/api/audit?limit=1000").body();
        final JsonNode play = java.util.stream.StreamSupport.stream(audit.get("entries").spliterator(), false)
            .filter(e -> "play".equals(e.get("action").asText())).reduce((newer, older) -> older).orElseThrow();
        assertEquals(DemoAccounts.email("1001"), play.get("account").asText(), audit::toString);
        assertEquals(RecordingPlaybackSystemTest.OWN, play.get("recordId").asLong());
    }

    @Test
    void aSupervisorSeesEveryAgentsRecordingsAndPlaysAnother() throws Exception
    {
        final CallApi.Reply created = new CallApi(server.httpPort()).post("/api/accounts",
            "{\"email\":\"lead@demo.switchboard\",\"name\":\"Team lead\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        browser = HeadlessBrowser.open(1400, 1000);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        final WorkbenchPage page = new WorkbenchPage(browser, WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        try
        {
            page.logIn("lead@demo.switchboard", created.body().get("password").asText());
            page.visible(By.id("view-supervision"));
            page.click(By.id("tab-records"));
            final By other = By.cssSelector("#records-body button[data-play='" + RecordingPlaybackSystemTest.OTHER
                + "']");
            page.visible(OWN_PLAY);
            page.click(other);
            page.until(ExpectedConditions.attributeToBe(By.id("rec-player"), "data-record",
                String.valueOf(RecordingPlaybackSystemTest.OTHER)));
            page.until(ExpectedConditions.attributeToBe(By.id("rec-player"), "data-waveform", "drawn"));
            page.until(ExpectedConditions.attributeToBe(By.id("rec-player"), "data-marks", "0"));
            HeadlessBrowser.screenshot(browser, "recording-player-supervisor.png");
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "recording-player-supervisor-failure.png");
            throw failure;
        }
    }

    /** Pixels of the customer's colour in the upper lane and of the agent's in the lower one. */
    private static Object[] pixels(final JavascriptExecutor js)
    {
        final java.util.List<?> counts = (java.util.List<?>)js.executeScript("""
            const canvas = document.getElementById('rec-player-wave');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let upper = 0, lower = 0;
            for (let i = 0; i < data.length; i += 4) {
              const y = Math.floor(i / 4 / canvas.width);
              if (y < canvas.height / 2 && data[i] === 0x2f && data[i + 1] === 0x6f && data[i + 2] === 0xde) {
                upper++;
              } else if (y > canvas.height / 2 && data[i] === 0x1a && data[i + 1] === 0x9a && data[i + 2] === 0x5c) {
                lower++;
              }
            }
            return [upper, lower];
            """);
        return counts.toArray();
    }
}
