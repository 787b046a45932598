package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * The Supervision tab's Listen / Whisper / Barge / Leave buttons in a real browser (headless Chromium): a caller of
 * the queue talks to A1 (SIPp phones); the supervisor (extension 1012, a SIPp phone that answers) clicks Listen on
 * the call's row: its phone rings and answers, the row shows the mode pressed and who supervises; Whisper switches
 * (the API's supervision follows); Leave hangs the supervisor's phone up and the call goes on. Screenshots in
 * core/target/screenshots.
 * <p>
 * The tenant is {@link TransferSystemTest}'s: A1..A3 (1001..1003) in {@code support} (4000).
 */
@Timeout(150)
@ServerSystemTest.Tenant(TransferSystemTest.TENANT)
class SuperviseBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LEAD = "listening-lead@demo.switchboard";

    private static CallApi admin;
    private static String leadPassword;
    private static int agentPhone;
    private static int leadPhone;
    private final List<Sipp> sipps = new ArrayList<>();
    private WebDriver browser;

    @BeforeAll
    static void supervisorAndPhones() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/accounts", "{\"email\":\"" + LEAD
            + "\",\"name\":\"Listening lead\",\"role\":\"supervisor\",\"extension\":\"1012\"}");
        assertEquals(201, created.status(), created.body()::toString);
        leadPassword = created.body().get("password").asText();
        agentPhone = registerPhone("supervise-web", "1001");
        leadPhone = registerPhone("supervise-web", "1012");
    }

    @BeforeEach
    void needsChromium()
    {
        HeadlessBrowser.assumeInstalled();
    }

    @AfterEach
    void cleanUp() throws Exception
    {
        if (browser != null)
        {
            browser.quit();
        }
        hangUpEverything(admin, sipps);
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
    }

    @Test
    void listenWhisperAndLeaveFromTheLiveCalls() throws Exception
    {
        browser = HeadlessBrowser.openIn("en-US", 1400, 1100);
        final WorkbenchPage lead = new WorkbenchPage(browser, WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        try
        {
            lead.logIn(LEAD, leadPassword);
            lead.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
            lead.visible(By.id("view-supervision"));

            assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
            sipps.add(Sipp.scenario("supervise-web-agent", "supervise/phone.xml").port(agentPhone)
                .set("rtpport", Sipp.freeMediaPort()).start(0));
            sipps.add(Sipp.scenario("supervise-web-caller", "supervise/caller.xml")
                .credentials("1011", "demo-1011").service("4000").port(Sipp.freeUdpPort())
                .set("rtpport", Sipp.freeMediaPort()).start(server.sipUdpPort()));
            final long id = admin.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()))
                .get("call").asLong();
            admin.awaitCall(id, "bridged to A1", c -> c.at("/callee/codec").isTextual());
            final By listen = mode(id, "listen");
            lead.until(ExpectedConditions.elementToBeClickable(listen));
            HeadlessBrowser.screenshot(browser, "supervise-buttons.png");

            // Listen: the supervisor's phone rings and answers; the row shows the mode and who listens
            final Sipp phone = Sipp.scenario("supervise-web-lead", "supervise/phone.xml").port(leadPhone)
                .set("rtpport", Sipp.freeMediaPort()).start(0);
            sipps.add(phone);
            lead.click(listen);
            final JsonNode listening = admin.awaitCall(id, "supervised", c -> "connected".equals(
                c.at("/supervision/state").asText()));
            assertEquals("listen", listening.at("/supervision/mode").asText(), listening::toString);
            lead.until(ExpectedConditions.attributeToBe(listen, "aria-pressed", "true"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "#sup-calls .sup-supervise[data-call='" + id + "']"), "Listening lead"));

            // Whisper: switched on the same supervision
            lead.click(mode(id, "whisper"));
            admin.awaitCall(id, "whispering", c -> "whisper".equals(c.at("/supervision/mode").asText()));
            lead.until(ExpectedConditions.attributeToBe(mode(id, "whisper"), "aria-pressed", "true"));
            HeadlessBrowser.screenshot(browser, "supervise-whisper.png");

            // Leave: the supervisor's phone gets its BYE, the call goes on
            lead.click(mode(id, "leave"));
            assertEquals(0, phone.await(20), phone::traces);
            final JsonNode after = admin.awaitCall(id, "not supervised", c -> c.get("supervision").isNull());
            assertEquals("confirmed", after.get("state").asText(), after::toString);
            lead.until(ExpectedConditions.attributeToBe(mode(id, "listen"), "aria-pressed", "false"));
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "supervise-failure.png");
            throw failure;
        }
    }

    /** A supervision button of the call's row in the live calls. */
    private static By mode(final long id, final String mode)
    {
        return By.cssSelector("#sup-calls .sup-mode[data-call='" + id + "'][data-mode='" + mode + "']");
    }
}
