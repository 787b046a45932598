package io.switchboard.core.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Supervision tab's voice part in a real browser (headless Chromium), with SIPp phones for the agents and a SIPp
 * caller of the queue number: the supervisor sees A1 go idle (set elsewhere) on its page, sets A2 idle from the
 * page, sees A1's call in the live calls with its caller, group and agent, and transfers it to A2 from the page (A1's
 * phone gets its BYE, A2's rings and answers, the page shows A2 on the call). Screenshots in core/target/screenshots.
 * <p>
 * The tenant is {@link TransferSystemTest}'s: A1..A3 (1001..1003) in {@code support} (4000).
 */
@Timeout(150)
@ServerSystemTest.Tenant(TransferSystemTest.TENANT)
class SupervisionVoiceBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LEAD = "voice-lead@demo.switchboard";

    private static CallApi admin;
    private static String leadPassword;
    private static final Map<String, Integer> PHONES = new HashMap<>();
    private final List<Sipp> sipps = new ArrayList<>();
    private WebDriver browser;

    @BeforeAll
    static void supervisorAndPhones() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/accounts",
            "{\"email\":\"" + LEAD + "\",\"name\":\"Team lead\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        leadPassword = created.body().get("password").asText();
        for (final String extension : List.of("1001", "1002"))
        {
            PHONES.put(extension, registerPhone("supervoice-web", extension));
        }
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
        for (final String agent : List.of("A1", "A2", "A3"))
        {
            assertEquals(200, admin.post("/api/agents/" + agent + "/state", "{\"state\":\"offline\"}").status());
        }
    }

    @Test
    void aSupervisorSeesAgentsAndCallsLiveAndTransfersACallFromThePage() throws Exception
    {
        browser = HeadlessBrowser.openIn("en-US", 1280, 1100);
        final WorkbenchPage lead = new WorkbenchPage(browser, WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        try
        {
            lead.logIn(LEAD, leadPassword);
            lead.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
            lead.visible(By.id("view-supervision"));
            lead.until(ExpectedConditions.textToBe(chip("A1"), "Offline"));

            // A1 goes idle elsewhere: the page shows it at once (the supervisor's events socket)
            assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());
            lead.until(ExpectedConditions.textToBe(chip("A1"), "Idle"));

            // a caller of the queue reaches A1 (A1's phone waits from now on): the call's row, A1's state and call
            final Sipp first = phone("1001");
            final Sipp caller = Sipp.scenario("supervoice-web-caller-1011", "acd/caller.xml")
                .credentials("1011", "demo-1011").service("4000").port(Sipp.freeUdpPort())
                .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(server.sipUdpPort());
            sipps.add(caller);
            final long id = admin.awaitAgent("A1", "on call", a -> "on-call".equals(a.get("state").asText()))
                .get("call").asLong();
            admin.awaitCall(id, "bridged to A1", c -> c.at("/callee/codec").isTextual());
            lead.until(ExpectedConditions.textToBe(chip("A1"), "On call"));
            final By row = By.xpath("//table[@id='sup-calls']//tr[.//button[@data-call='" + id + "']]");
            lead.until(ExpectedConditions.textToBePresentInElementLocated(row, "Talking"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(row, "1011"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(row, "support"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(row, "A1"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath(
                "//table[@id='sup-agents']//tr[.//button[@data-agent='A1']]"), "#" + id + " 1011"));

            // the supervisor sets A2 idle from the page (A1 has the call: the queue could not give it to A2)
            lead.click(By.cssSelector("#sup-agents .sup-agent-open[data-agent='A2']"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-agent-who"), "A2"));
            lead.click(By.id("sup-set-idle"));
            lead.until(ExpectedConditions.textToBe(chip("A2"), "Idle"));
            assertEquals("idle", admin.agent("A2").get("state").asText());

            // Transfer… to A2 from the page
            lead.click(By.cssSelector("#sup-calls .sup-call-open[data-call='" + id + "']"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-call-who"), "#" + id));
            lead.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#sup-call-target option[value='A2']")));
            lead.until(page ->
            {
                // a refresh may redraw the list (an agent's state changed): chosen again until it holds
                try
                {
                    final Select target = new Select(page.findElement(By.id("sup-call-target")));
                    target.selectByValue("A2");
                    return "A2".equals(target.getFirstSelectedOption().getAttribute("value"));
                }
                catch (final StaleElementReferenceException redrawn)
                {
                    return false;
                }
            });
            HeadlessBrowser.screenshot(browser, "supervision-voice.png");
            // (each SIPp run lasts 20 s at most: A2's phone waits from the transfer on)
            final Sipp second = phone("1002");
            lead.click(By.id("sup-call-go"));
            assertEquals(0, first.await(20), "A1's phone is released with a BYE\n" + first.traces());
            admin.awaitCall(id, "bridged to A2", c -> "A2".equals(c.at("/callee/agent").asText())
                && c.at("/callee/codec").isTextual());
            lead.until(ExpectedConditions.textToBe(chip("A2"), "On call"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(row, "A2"));
            HeadlessBrowser.screenshot(browser, "supervision-voice-transferred.png");

            admin.dtmf(id, "caller", "0");
            assertEquals(0, second.await(20), second::traces);
            lead.until(ExpectedConditions.invisibilityOfElementLocated(row));
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "supervision-voice-failure.png");
            throw failure;
        }
    }

    /** An agent's state chip in the supervisor's agents table. */
    private static By chip(final String staffNo)
    {
        return By.cssSelector("#sup-agents .chip[data-agent='" + staffNo + "']");
    }

    /** A SIPp phone of an agent's extension that answers one call. */
    private Sipp phone(final String extension) throws Exception
    {
        final Sipp sipp = Sipp.scenario("supervoice-web-phone-" + extension, "acd/agent-answer.xml")
            .port(PHONES.get(extension)).arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
        sipps.add(sipp);
        return sipp;
    }
}
