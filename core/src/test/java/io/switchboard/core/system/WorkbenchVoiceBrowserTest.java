package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench's voice features from the manuals. 自动接听 and 来电弹屏: agent A1 has auto-answer and the
 * browser as its phone. A caller of the queue arrives connected: the offer bar never shows (a
 * MutationObserver in the page records any moment it would), the call panel goes to Talking, and the
 * screen pops open: the panel page in the workbench's frame with the caller's number, the tab page as
 * a link. Then A1 dials an outside number from "Make a call" (a SIPp carrier answers): the panel opens
 * again, its frame's URL carrying the number dialled and the direction outbound (客服坐席主动外呼). 员工内线通话:
 * the search box of "Make a call" finds colleague A2 by skill group and e-mail (name, staff number,
 * extension, state, groups shown) and phone 1009 (a SIPp phone of no agent); a click on its Call calls
 * it: the page answers its own leg, 1009 answers, the call panel shows 1009. Screenshots in {@code
 * core/target/screenshots}.
 */
@Tag("system")
@Timeout(180)
class WorkbenchVoiceBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 1,
            "groups": [ { "name": "support", "fallback": "hangup" }, { "name": "sales", "fallback": "hangup" } ],
            "agents": [ { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"],
                          "autoAnswer": true },
                        { "staffNo": "A2", "name": "Berta Braun", "email": "berta@demo.example",
                          "extension": "1002", "groups": ["sales"] } ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          },
          "trunks": [ { "name": "carrier", "host": "127.0.0.1", "port": %d, "inboundAddresses": [] } ],
          "dialPlan": { "country": "49", "nationalPrefix": "0", "internationalPrefix": "00",
                        "rules": [ { "prefix": "0", "trunks": ["carrier"] } ] },
          "outbound": { "allowed": ["1001"] }
        """;
    /** Never loaded by the test's browser: port 9 (discard) refuses at once; only the frame's URL matters. */
    private static final String PANEL_URL = "http://127.0.0.1:9/crm?phone={customer}&way={direction}&agent={agent}";

    private final TestResources resources = new TestResources();
    private int carrierPort;
    private SwitchboardServer server;
    private ChromeDriver browser;
    private WorkbenchPage page;
    private CallApi admin;

    @BeforeEach
    void start() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        carrierPort = Sipp.freeUdpPort();
        final String json = TestServers.configJson(TENANT.formatted(carrierPort),
            Files.createTempDirectory("switchboard-autoanswer").toString(), 0, 0)
            .replace("\"workers\": 2 }", "\"workers\": 2, \"wsPort\": 0, \"wssPort\": 0 }");
        server = SwitchboardServer.start(ConfigLoader.parse(json).conclude());
        admin = new CallApi(server.httpPort());
        browser = HeadlessBrowser.open(1280, 900, "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required");
        browser.manage().timeouts().scriptTimeout(WAIT);
        page = new WorkbenchPage(browser, WAIT);
    }

    @AfterEach
    void stop() throws Exception
    {
        try
        {
            if (server != null)
            {
                admin.hangUpAll();
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
    void anAutoAnsweredCallShowsNoOfferAndPopsOpenForInboundAndOutboundCalls() throws Exception
    {
        try
        {
            work();
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "autoanswer-failure.png");
            throw failure;
        }
    }

    private void work() throws Exception
    {
        assertEquals(201, admin.post("/api/screen-pops", "{\"name\":\"Orders\",\"url\":\"" + PANEL_URL
            + "\",\"open\":\"panel\"}").status());
        assertEquals(201, admin.post("/api/screen-pops", "{\"name\":\"CRM\",\"url\":"
            + "\"https://crm.example/find?phone={customer}\"}").status());

        final JavascriptExecutor js = logInWithTheBrowserAsPhone();
        // any moment the offer bar is shown, however short, is recorded
        js.executeScript("window.offerShown = false; const bar = document.getElementById('offer-bar');"
            + "new MutationObserver(() => { if (!bar.hidden) { window.offerShown = true; } })"
            + ".observe(bar, { attributes: true });");
        page.click(By.id("state-idle"));
        page.until(WorkbenchPage.state("idle"));

        inbound(js);

        // the agent closes the panel; after the wrap-up (1 s) it dials out
        page.click(By.id("pop-close"));
        page.until(ExpectedConditions.invisibilityOfElementLocated(By.id("pop-panel")));
        page.until(WorkbenchPage.state("idle"));
        outbound();
    }

    @Test
    void theColleagueSearchFindsAgentsAndPhonesAndCallsAPhoneOfNoAgent() throws Exception
    {
        try
        {
            search();
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "colleague-search-failure.png");
            throw failure;
        }
    }

    private void search() throws Exception
    {
        final int phonePort = Sipp.freeUdpPort();
        final Sipp register = Sipp.scenario("voice-register-1009", "register/register.xml")
            .registering("1009", 600).credentials("1009", "demo-1009").port(phonePort);
        assertEquals(0, register.run(server.sipUdpPort()), register::traces);
        logInWithTheBrowserAsPhone();
        page.click(By.id("state-idle"));
        page.until(WorkbenchPage.state("idle"));

        // by skill group, then by e-mail: Berta's row with her staff number, extension, state and groups
        page.visible(By.id("internal-to")).sendKeys("sales");
        final By berta = By.cssSelector("#colleague-results li[data-staff-no='A2']");
        page.until(ExpectedConditions.textToBePresentInElementLocated(berta, "Berta Braun"));
        final String row = browser.findElement(berta).getText();
        assertTrue(row.contains("A2") && row.contains("ext. 1002") && row.contains("sales")
            && row.contains("Offline"), row);
        browser.findElement(By.id("internal-to")).clear();
        browser.findElement(By.id("internal-to")).sendKeys("BERTA@demo");
        page.until(ExpectedConditions.textToBePresentInElementLocated(berta, "Berta Braun"));
        HeadlessBrowser.screenshot(browser, "colleague-search.png");

        // a phone of no agent: found by its extension, called with a click
        final Sipp phone = resources.started(Sipp.scenario("voice-phone-1009", "webrtc/callee-info.xml")
            .port(phonePort).arg("-mp", Integer.toString(Sipp.freeMediaPort()), "-rtp_echo").start(0));
        browser.findElement(By.id("internal-to")).clear();
        browser.findElement(By.id("internal-to")).sendKeys("1009");
        final By call = By.cssSelector("#colleague-results li[data-extension='1009'] button");
        page.until(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#colleague-results li[data-extension='1009']"), "Phone 1009"));
        page.click(call);
        page.until(ExpectedConditions.textToBe(By.id("call-party"), "1009"));
        final JsonNode up = admin.awaitCallTo("1009", "answered by the phone",
            c -> "confirmed".equals(c.path("state").asText()));
        assertEquals("internal", up.get("type").asText(), up::toString);
        page.click(By.id("call-hangup"));
        assertEquals(0, phone.await(20), phone::traces);
        Await.until("no call left", () -> server.stats().active(), active -> active == 0);
    }

    /** Logs A1 in and picks this browser as its phone (the device check's fake microphone); registered. */
    private JavascriptExecutor logInWithTheBrowserAsPhone()
    {
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        page.logIn(DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        page.visible(By.id("phone-dialog"));
        page.until(d -> d.findElements(By.cssSelector("#phone-mic option")).size() > 1);
        page.click(By.id("phone-save"));
        final JavascriptExecutor js = browser;
        page.until(d -> "registered".equals(js.executeScript("return window.webPhone.state")));
        return js;
    }

    /** A caller of the queue: connected at once, no offer bar, the pops open with the caller's number. */
    private void inbound(final JavascriptExecutor js) throws Exception
    {
        final RtpPeer customer = resources.peer("autoanswer-caller-rtp");
        final Sipp caller = resources.started(Sipp.scenario("autoanswer-caller", "webrtc/queue-caller.xml")
            .credentials("1011", "demo-1011").service("4000").port(Sipp.freeUdpPort())
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).set("rtpport", customer.port())
            .start(server.sipUdpPort()));
        page.until(ExpectedConditions.textToBe(By.id("call-party"), "1011"));
        page.until(ExpectedConditions.textToBe(By.id("call-status"), "Talking"));
        admin.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()));
        assertEquals(Boolean.FALSE, js.executeScript("return window.offerShown"), "the offer bar never showed");
        assertFalse(browser.findElement(By.id("offer-bar")).isDisplayed());

        page.visible(By.id("pop-panel"));
        final String src = browser.findElement(By.id("pop-frame")).getDomAttribute("src");
        assertEquals("http://127.0.0.1:9/crm?phone=1011&way=inbound&agent=A1", src);
        final String sandbox = browser.findElement(By.id("pop-frame")).getDomAttribute("sandbox");
        assertTrue(sandbox.contains("allow-scripts") && !sandbox.contains("allow-top-navigation"), sandbox);
        assertEquals("https://crm.example/find?phone=1011", browser.findElement(By.cssSelector("#call-pops a"))
            .getDomAttribute("href"));
        HeadlessBrowser.screenshot(browser, "autoanswer-connected.png");

        page.click(By.id("call-hangup"));
        assertEquals(0, caller.await(20), caller::traces);
        Await.until("no call left", () -> server.stats().active(), active -> active == 0);
    }

    /** The agent's own outside call: the panel opens with the number dialled. */
    private void outbound() throws Exception
    {
        final Sipp carrier = resources.started(Sipp.scenario("autoanswer-carrier", "call/callee.xml")
            .port(carrierPort).start(0));
        page.visible(By.id("dial-number")).sendKeys("0301234567");
        page.click(By.id("dial-submit"));
        page.visible(By.id("pop-panel"));
        page.until(ExpectedConditions.attributeToBe(By.id("pop-frame"), "src",
            "http://127.0.0.1:9/crm?phone=0301234567&way=outbound&agent=A1"));
        final JsonNode call = admin.awaitCallTo("0301234567", "answered by the carrier",
            c -> "confirmed".equals(c.path("state").asText()));
        page.until(ExpectedConditions.textToBe(By.id("call-party"), "0301234567"));
        HeadlessBrowser.screenshot(browser, "autoanswer-outbound-pop.png");
        assertEquals(200, admin.post("/api/calls/" + call.get("id").asLong() + "/hangup", "{}").status());
        assertEquals(0, carrier.await(20), carrier::traces);
        Await.until("no call left", () -> server.stats().active(), active -> active == 0);
    }
}
