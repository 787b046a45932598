package io.switchboard.core.system;

import io.switchboard.core.SwitchboardServer;
import io.switchboard.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A WebRTC SIP client in a real browser: headless Chromium with a fake microphone loads the plain softphone page
 * (SIP.js, no STUN or TURN server), registers over the server's ws or wss with digest and calls extension 1002, a
 * baresip phone that answers at once and plays a tone. ICE (the server is ICE-lite) and DTLS connect; the browser's
 * fake microphone goes out as SRTP and is relayed to baresip as RTP (what baresip received is not silent),
 * baresip's tone reaches the browser as SRTP (the page's own getStats counts packets both ways and audio energy
 * received). Over ws the browser also sends a key (RFC 4733, read by the server and by baresip) and holds and
 * resumes. The browser hangs up; baresip sees the call end; no call and no RTP port are left.
 */
@Tag("system")
@Timeout(120)
class WebRtcBrowserTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private SwitchboardServer server;
    private WebDriver browser;
    private Process callee;

    @BeforeEach
    void start() throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "the browser test needs chromium and chromium-driver (scripts/test.sh installs them)");
        final String json = TestServers.configJson("", Files.createTempDirectory("switchboard-webrtc").toString(), 0,
            0).replace("\"workers\": 2 }", "\"workers\": 2, \"wsPort\": 0, \"wssPort\": 0 }");
        server = SwitchboardServer.start(ConfigLoader.parse(json).conclude());
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
            // The server's wss certificate is the self-signed one made at start (a real one is configured in use).
            "--ignore-certificate-errors");
        browser = new ChromeDriver(options);
    }

    @AfterEach
    void stop()
    {
        if (browser != null)
        {
            browser.quit();
        }
        if (callee != null)
        {
            callee.destroy();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void aBrowserRegistersOverTheWebSocketCallsAPhoneAndAudioFlowsBothWays() throws Exception
    {
        callOver("ws://127.0.0.1:" + server.wsPort() + "/ws");
    }

    @Test
    void theSameOverTheSecureWebSocket() throws Exception
    {
        callOver("wss://127.0.0.1:" + server.wssPort() + "/ws");
    }

    private void callOver(final String webSocket) throws Exception
    {
        assumeTrue(Baresip.installed(), "the browser test calls a baresip phone (scripts/test.sh installs it)");
        final Baresip phone = Baresip.configure(Files.createTempDirectory("webrtc-1002"), "1002", server.sipUdpPort(),
            23000, true);
        callee = phone.start("-t", "60");
        Await.until("1002 registered", Duration.ofSeconds(15),
            () -> server.locations().lookup("1002", System.currentTimeMillis()), bindings -> !bindings.isEmpty());

        browser.get("http://127.0.0.1:" + server.httpPort() + "/web/softphone.html?ws=" + webSocket
            + "&user=1005&password=demo-1005&domain=demo.switchboard&call=1002");
        final JavascriptExecutor page = (JavascriptExecutor)browser;
        awaitState(page, "in call");
        final Map<?, ?> stats = awaitStats(page);
        System.out.println("WebRTC over " + webSocket + ": " + stats);
        assertEquals("connected", stats.get("dtls"), stats::toString);
        assertTrue(((Number)stats.get("audioEnergy")).doubleValue() > 0, "baresip's tone is heard: " + stats);

        if (webSocket.startsWith("ws:"))
        {
            keysAndHold(page);
        }
        // Chromium's fake microphone beeps about once a second: 3 s of audio sent holds beeps for baresip to hear.
        Await.until("3 s of the browser's audio sent", Duration.ofSeconds(20),
            () -> page.executeAsyncScript("window.softphone.stats().then(arguments[arguments.length - 1])"),
            sent -> sent instanceof Map<?, ?> m && ((Number)m.get("packetsSent")).longValue() >= 150);
        page.executeScript("window.softphone.hangup()");
        Await.until("baresip sees the call end", Duration.ofSeconds(20), phone::log,
            log -> log.contains("terminated"));
        assertTrue(phone.heardPeak() > 1000, "the browser's fake microphone (its beeps) reached baresip: "
            + phone.heardPeak());
        if (webSocket.startsWith("ws:"))
        {
            assertTrue(phone.log().contains("received event: '5'"), "the browser's key reached baresip as RFC 4733: "
                + phone.log());
        }
        Await.until("no call left", () -> server.stats().active(), active -> active == 0);
        Await.until("no RTP port left", () -> server.media().ports().inUse(), used -> used == 0);
    }

    /**
     * A key from the browser's keypad travels as RFC 4733 events in its SRTP and is read by the server; the browser
     * holds (a re-INVITE with sendonly, answered by the server on the same ICE and DTLS) and the phone hears music,
     * then resumes.
     */
    private void keysAndHold(final JavascriptExecutor page) throws Exception
    {
        final CallApi api = new CallApi(server.httpPort());
        page.executeScript("window.softphone.dtmf('5')");
        Await.until("the browser's key 5", () -> api.get("/api/calls").body().toString(),
            calls -> calls.contains("caller:5"));
        assertEquals(true, holdAnswered(page, "hold"), "the browser's hold answered");
        Await.until("the phone held by the browser", () -> api.get("/api/calls").body().get(0)
            .at("/callee/heldBy").asText(), by -> "phone".equals(by));
        assertEquals(false, holdAnswered(page, "unhold"), "the browser's resume answered");
        Await.until("the call resumed", () -> api.get("/api/calls").body().get(0).at("/callee/held").asBoolean(),
            held -> !held);
    }

    /** Holds or resumes from the page; the answer is whether SIP.js now sees the call held, or why it failed. */
    private static Object holdAnswered(final JavascriptExecutor page, final String action)
    {
        return page.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "window.softphone." + action + "().then(done, error => done('failed: ' + error))");
    }

    private static void awaitState(final JavascriptExecutor page, final String state) throws Exception
    {
        Await.until("the softphone " + state, Duration.ofSeconds(20),
            () -> page.executeScript("return window.softphone.state + ' ' + (window.softphone.error || '')"),
            seen -> String.valueOf(seen).startsWith(state));
    }

    private static Map<?, ?> awaitStats(final JavascriptExecutor page) throws Exception
    {
        return (Map<?, ?>)Await.until("SRTP both ways", Duration.ofSeconds(20),
            () -> page.executeAsyncScript("window.softphone.stats().then(arguments[arguments.length - 1])"),
            stats -> stats instanceof Map<?, ?> m && ((Number)m.get("packetsSent")).longValue() > 50
                && ((Number)m.get("packetsReceived")).longValue() > 50);
    }
}
