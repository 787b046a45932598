package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The workbench is the agent's phone: headless Chromium with a fake microphone logs in as agent A1, answers the
 * device check with "this browser" (its page registers extension 1001 over the WebSocket with its session's
 * password), goes idle, and a caller of the queue (SIPp for the signalling, a Java RTP endpoint for its media) is
 * offered to it: the page rings, Answer answers in the page, and audio flows both ways (the page's getStats counts
 * packets and audio energy; the caller's endpoint gets the browser's non-silent audio). Hold from the workbench
 * sends music to the caller, the keypad's 5 reaches the caller as an RFC 4733 event, Hang up ends the call on both
 * sides, and no call and no RTP port are left. Then the agent calls a colleague from "Make a call": the page answers
 * its own leg at once and the colleague's phone is called. Screenshots in {@code core/target/screenshots}.
 */
@Tag("system")
@Timeout(180)
class WorkbenchPhoneBrowserTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Sipp.ROOT.resolve("core/target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PCMU = 0;
    private static final int EVENTS = 101;
    private static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 2,
            "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] },
                        { "staffNo": "A2", "name": "Agent Two", "extension": "1002", "groups": [] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          }
        """;

    private final TestResources resources = new TestResources();
    private SwitchboardServer server;
    private ChromeDriver browser;
    private CallApi api;

    @BeforeEach
    void start() throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "the browser test needs chromium and chromium-driver (scripts/test.sh installs them)");
        final String json = TestServers.configJson(TENANT, Files.createTempDirectory("switchboard-workphone")
            .toString(), 0, 0).replace("\"workers\": 2 }", "\"workers\": 2, \"wsPort\": 0, \"wssPort\": 0 }");
        server = SwitchboardServer.start(ConfigLoader.parse(json).conclude());
        api = new CallApi(server.httpPort());
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--autoplay-policy=no-user-gesture-required");
        browser = new ChromeDriver(options);
        browser.manage().timeouts().scriptTimeout(WAIT);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() throws Exception
    {
        try
        {
            if (server != null)
            {
                api.hangUpAll();
            }
        }
        finally
        {
            if (browser != null)
            {
                browser.quit();
            }
            resources.close();
            if (server != null)
            {
                server.close();
            }
        }
    }

    @Test
    void anAgentWorksAQueuedCallEntirelyFromTheWorkbenchPage() throws Exception
    {
        try
        {
            work();
        }
        catch (final Exception | AssertionError failure)
        {
            screenshot("phone-failure.png");
            throw failure;
        }
    }

    private void work() throws Exception
    {
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        visible("login-email").sendKeys(DemoAccounts.email("1001"));
        browser.findElement(By.id("login-password")).sendKeys(DemoAccounts.password("1001"));
        browser.findElement(By.id("login-submit")).click();

        // the device check at the first log-in: the fake microphone listed, its level moving; this browser
        visible("phone-dialog");
        until(d -> d.findElements(By.cssSelector("#phone-mic option")).size() > 1);
        until(d -> Double.parseDouble(d.findElement(By.id("phone-level")).getDomProperty("value")) > 0);
        screenshot("phone-device-check.png");
        click(By.id("phone-save"));
        final JavascriptExecutor page = browser;
        until(d -> "registered".equals(page.executeScript("return window.webPhone.state")));
        assertEquals("this browser ✓", text("phone-status"));
        assertTrue(server.locations().lookup("1001", System.currentTimeMillis()).stream()
            .anyMatch(b -> b.contact().contains(".invalid")), "the page's WebSocket contact is 1001's binding");

        reconnects(page);

        click(By.id("state-idle"));
        api.awaitAgent("A1", "idle", a -> "idle".equals(a.get("state").asText()));

        // a caller of the queue: the page rings, Answer answers in the page
        final RtpPeer customer = resources.peer("workphone-caller-rtp");
        final Sipp caller = resources.started(Sipp.scenario("workphone-caller", "webrtc/queue-caller.xml")
            .credentials("1011", "demo-1011").service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", customer.port())
            .start(server.sipUdpPort()));
        visible("offer-bar");
        until(d -> Boolean.TRUE.equals(page.executeScript("return window.webPhone.ringing()")));
        screenshot("phone-ringing.png");
        click(By.id("offer-answer"));
        until(ExpectedConditions.textToBe(By.id("call-party"), "1011"));
        final long id = api.agent("A1").get("call").asLong();
        final JsonNode call = api.awaitCall(id, "confirmed", c -> "confirmed".equals(c.path("state").asText()));
        customer.startSending(call.at("/caller/rtpPort").asInt(), PCMU, n -> MediaChecks.frame(1, n));

        // audio both ways: the page hears the customer, the customer hears the browser's (fake) microphone
        final Map<?, ?> stats = awaitStats(page);
        assertEquals("connected", stats.get("dtls"), stats::toString);
        assertTrue(((Number)stats.get("audioEnergy")).doubleValue() > 0, "the customer is heard: " + stats);
        customer.await(0, "the browser's microphone, not silent", 20_000,
            got -> got.stream().filter(p -> p.pt() == PCMU).anyMatch(WorkbenchPhoneBrowserTest::loud));
        screenshot("phone-talking.png");

        holdAndKey(id, customer);

        // hang up from the workbench: the caller gets the BYE, the page's call ends, nothing is left
        click(By.id("call-hangup"));
        assertEquals(0, caller.await(20), caller::traces);
        until(d -> Boolean.TRUE.equals(page.executeScript("return window.webPhone.session === null")));
        Await.until("no call left", () -> server.stats().active(), active -> active == 0);
        Await.until("no RTP port left", () -> server.media().ports().inUse(), used -> used == 0);

        callsAColleague(page);
    }

    /**
     * The agent's own call to a colleague from "Make a call": the page's phone is rung first and answers by itself
     * (the click was the pick-up), then the colleague's phone (SIPp, echoing RTP) rings and answers; the browser
     * hears its own audio come back; Hang up ends both sides.
     */
    private void callsAColleague(final JavascriptExecutor page) throws Exception
    {
        final int phonePort = Sipp.freeUdpPort();
        final Sipp register = Sipp.scenario("workphone-register-1002", "register/register.xml")
            .registering("1002", 600).credentials("1002", "demo-1002").port(phonePort);
        assertEquals(0, register.run(server.sipUdpPort()), register::traces);
        final Sipp colleague = resources.started(Sipp.scenario("workphone-colleague", "webrtc/callee-info.xml")
            .port(phonePort).arg("-mp", Integer.toString(Sipp.freeMediaPort()), "-rtp_echo").start(0));
        assertEquals(200, api.post("/api/agents/A2/state", "{\"state\":\"idle\"}").status());

        visible("internal-to").sendKeys("A2");
        click(By.id("internal-submit"));
        final long id = api.callFrom("1001").get("id").asLong();
        api.awaitCall(id, "confirmed", c -> "confirmed".equals(c.path("state").asText()));
        until(ExpectedConditions.textToBe(By.id("call-party"), "1002"));
        assertTrue(Boolean.FALSE.equals(page.executeScript("return window.webPhone.ringing()")),
            "the page answered by itself");
        final Map<?, ?> stats = awaitStats(page);
        assertEquals("connected", stats.get("dtls"), stats::toString);
        screenshot("phone-internal-call.png");

        click(By.id("call-hangup"));
        assertEquals(0, colleague.await(20), colleague::traces);
        until(d -> Boolean.TRUE.equals(page.executeScript("return window.webPhone.session === null")));
        Await.until("no call left", () -> server.stats().active(), active -> active == 0);
        Await.until("no RTP port left", () -> server.media().ports().inUse(), used -> used == 0);
    }

    /**
     * The page's WebSocket drops (as when the network goes): the phone shows it is reconnecting, registers again on a
     * new connection with a fresh password, and its +sip.instance binding replaces the old one, so the server rings
     * one contact, the live one.
     */
    private void reconnects(final JavascriptExecutor page) throws Exception
    {
        page.executeScript("window.phoneStates = [];"
            + "window.addEventListener('webphone', e => e.detail.type === 'state' && phoneStates.push(e.detail.state));"
            + "window.webPhone.userAgent.transport.ws.close();");
        until(d -> String.valueOf(page.executeScript("return window.phoneStates.join(' ')"))
            .matches("reconnecting( reconnecting)* registered"));
        assertEquals("this browser ✓", text("phone-status"));
        final var bindings = server.locations().lookup("1001", System.currentTimeMillis());
        assertEquals(1, bindings.size(), "one binding after reconnecting: " + bindings);
        assertTrue(bindings.get(0).contact().contains(".invalid"), bindings::toString);
    }

    /** Hold sends music to the customer (the browser's audio no longer reaches it); the keypad's 5 reaches it. */
    private void holdAndKey(final long id, final RtpPeer customer) throws Exception
    {
        click(By.id("call-hold"));
        until(ExpectedConditions.attributeToBe(By.id("call-hold"), "aria-pressed", "true"));
        assertTrue(api.call(id).at("/caller/held").asBoolean(), "the customer is held");
        final int held = customer.count();
        customer.await(held, "music while held", 20_000, got -> got.size() >= 25);
        click(By.id("call-hold"));
        until(ExpectedConditions.attributeToBe(By.id("call-hold"), "aria-pressed", "false"));

        final int before = customer.count();
        browser.findElement(By.cssSelector("#keypad button[data-digit='5']")).click();
        final List<RtpPeer.Packet> keys = customer.await(before, "key 5 as RFC 4733", 20_000,
            got -> got.stream().anyMatch(p -> p.pt() == EVENTS && p.end()));
        assertTrue(keys.stream().filter(p -> p.pt() == EVENTS).allMatch(p -> p.event() == 5), keys::toString);
    }

    /** A µ-law frame with a sample louder than -30 dBFS or so: not the silence a muted or idle source sends. */
    private static boolean loud(final RtpPeer.Packet packet)
    {
        for (final byte sample : packet.payload())
        {
            if (Math.abs(G711.ulawToLinear(sample)) > 1000)
            {
                return true;
            }
        }
        return false;
    }

    private static Map<?, ?> awaitStats(final JavascriptExecutor page) throws Exception
    {
        return (Map<?, ?>)Await.until("SRTP both ways in the page", WAIT,
            () -> page.executeAsyncScript("window.webPhone.stats().then(arguments[arguments.length - 1])"),
            stats -> stats instanceof Map<?, ?> m && ((Number)m.get("packetsSent")).longValue() > 50
                && ((Number)m.get("packetsReceived")).longValue() > 50
                && ((Number)m.get("audioEnergy")).doubleValue() > 0);
    }

    private <T> T until(final ExpectedCondition<T> condition)
    {
        return WorkbenchPage.wait(browser, WAIT).until(condition);
    }

    private WebElement visible(final String id)
    {
        return until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }


    private String text(final String id)
    {
        return browser.findElement(By.id(id)).getText();
    }

    private void screenshot(final String name) throws Exception
    {
        if (browser != null)
        {
            Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        }
    }

    /** Clicks once clickable, looked up again if the page redrew it meanwhile. */
    private void click(final By by)
    {
        WorkbenchPage.click(browser, WAIT, by);
    }
}
