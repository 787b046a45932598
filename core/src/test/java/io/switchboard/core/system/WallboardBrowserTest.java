package io.switchboard.core.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Wallboard tab in a real browser (headless Chromium): a supervisor's board shows a SIPp caller appear in the
 * support queue and the count go back to 0 when a SIPp agent answers, without reloading (the page reads the board
 * once, then follows the events socket's {@code wallboard} events); the data overview of today follows by itself
 * (the group's row, the agent's occupancy). Screenshots in core/target/screenshots/wallboard*.png.
 */
@Timeout(150)
@ServerSystemTest.Tenant(RecordsSystemTest.ACD)
class WallboardBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final By SUPPORT_WAITING = By.cssSelector(
        "#wb-tiles .wb-tile[data-group='support'] [data-figure='waiting']");

    private final List<WebDriver> browsers = new ArrayList<>();
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeEach
    void needsChromium()
    {
        HeadlessBrowser.assumeInstalled();
    }

    @AfterEach
    void close() throws Exception
    {
        browsers.forEach(WebDriver::quit);
        hangUpEverything(new CallApi(server.httpPort()), sipps);
    }

    @Test
    void aSupervisorSeesACallerWaitLiveAndTheCountGoBackWhenAnswered() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/accounts",
            "{\"email\":\"board@demo.switchboard\",\"name\":\"Board\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        final WebDriver browser = HeadlessBrowser.open(1600, 1000);
        browsers.add(browser);
        final WorkbenchPage lead = new WorkbenchPage(browser, WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        try
        {
            lead.logIn("board@demo.switchboard", created.body().get("password").asText());
            lead.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
            lead.click(By.id("tab-wallboard"));
            lead.until(ExpectedConditions.textToBe(SUPPORT_WAITING, "0"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wb-groups"), "No queued calls"));

            final Sipp caller = Sipp.scenario("wallboard-browser-caller", "acd/caller.xml")
                .credentials("1010", "demo-1010").service("4000").port(Sipp.freeUdpPort())
                .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
            sipps.add(caller);
            lead.until(ExpectedConditions.textToBe(SUPPORT_WAITING, "1"));
            lead.until(ExpectedConditions.attributeContains(By.cssSelector("#wb-tiles .wb-tile[data-group='support']"),
                "class", "wb-waiting"));
            HeadlessBrowser.screenshot(browser, "wallboard.png");

            final int phonePort = registerPhone("wallboard-browser", "1001");
            final Sipp phone = Sipp.scenario("wallboard-browser-phone", "acd/agent-answer.xml").port(phonePort)
                .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
            sipps.add(phone);
            assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
            lead.until(ExpectedConditions.textToBe(SUPPORT_WAITING, "0"));
            HeadlessBrowser.screenshot(browser, "wallboard-answered.png");
            // the caller hangs up by itself (15 s after it was answered by the queue): the call counts as answered
            assertEquals(0, caller.await(40), caller::traces);
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "#wb-tiles .wb-tile[data-group='support'] [data-figure='answered']"), "1"));
            // the overview of today follows by itself: the group's row, then the agent's occupancy
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wb-groups"), "support"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wb-agents"), "A1"));
            lead.click(By.id("wb-stats-go"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("wb-groups"), "support"));
            HeadlessBrowser.screenshot(browser, "wallboard-overview.png");
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "wallboard-failure.png");
            throw failure;
        }
    }
}
