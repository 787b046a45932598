package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Supervision tab and the phone-sized workbench in real browsers (headless Chromium), visitors played over the
 * widget's WebSocket: a supervisor (an account with no agent: only Supervision and Records) sees A1's live chat, opens
 * it read-only, sees the visitor's next message arrive and force-transfers it to A2 with a note (A2 has it, with
 * transferredBy naming the supervisor); and an agent's workbench at 390x844 shows one conversation at a time, End
 * in sight, nothing wider than the screen. Screenshots in core/target/screenshots.
 */
@Timeout(150)
@ServerSystemTest.Tenant(ChatHandoverBrowserTest.TENANT)
class SupervisionBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NOTE = "Escalated by the team lead: refund approved.";

    private final List<WebDriver> browsers = new ArrayList<>();
    private final List<VisitorClient> visitors = new ArrayList<>();

    @BeforeEach
    void needsChromiumAndAFreshStart() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        ChatHandoverBrowserTest.clearChats(new CallApi(server.httpPort()), "A1", "A2");
    }

    @AfterEach
    void close()
    {
        visitors.forEach(VisitorClient::close);
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aSupervisorWatchesAChatLiveAndMovesItToAnotherAgentWithANote() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi.Reply created = admin.post("/api/accounts",
            "{\"email\":\"lead@demo.switchboard\",\"name\":\"Team lead\",\"role\":\"supervisor\"}");
        assertEquals(201, created.status(), created.body()::toString);
        final WorkbenchPage a1 = agent("1001", 1280, 900);
        final VisitorClient visitor = visitor("visitor-supervised-0001");
        visitor.text("2", "r1");
        visitor.await("served by A1", f -> f.path("text").asText().contains("Agent A1 is with you"));
        final long session = admin.get("/api/agents/A1/chats").body().get(0).get("session").asLong();
        final WorkbenchPage a2 = agent("1002", 1280, 900);
        final WorkbenchPage lead = page(1280, 1000);
        try
        {
            lead.logIn("lead@demo.switchboard", created.body().get("password").asText());
            lead.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
            lead.visible(By.id("view-supervision"));
            assertFalse(lead.browser().findElement(By.id("tab-workbench")).isDisplayed(), "no agent: no workbench");
            assertTrue(lead.browser().findElement(By.id("tab-records")).isDisplayed());
            assertFalse(lead.browser().findElement(By.id("tab-admin")).isDisplayed(), "no administration");
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-agents"), "A2"));

            // the chat among the live ones, served by A1; opened read-only, it follows the visitor's words
            lead.click(By.cssSelector("#sup-chats .sup-chat-open[data-session='" + session + "']"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-watch-who"), "A1"));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-watch-messages"),
                "Reply 1 for products"));
            visitor.text("I want my money back for order 4711", "r2");
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "#sup-watch-messages .chat-msg.from-visitor:last-child"), "money back for order 4711"));
            assertTrue(lead.browser().findElements(By.cssSelector("#sup-watch .chat-recall, #sup-watch textarea"))
                .isEmpty(), "read-only");

            // Transfer to… A2 with a note: A2 has it, told who moved it; A1 no longer
            lead.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#sup-transfer-target option[value='A2']")));
            lead.until(browser ->
            {
                // a refresh may redraw the list (an agent's state changed): chosen again until it holds
                try
                {
                    final Select target = new Select(browser.findElement(By.id("sup-transfer-target")));
                    target.selectByValue("A2");
                    return "A2".equals(target.getFirstSelectedOption().getAttribute("value"));
                }
                catch (final StaleElementReferenceException redrawn)
                {
                    return false;
                }
            });
            lead.visible(By.id("sup-transfer-note")).sendKeys(NOTE);
            HeadlessBrowser.screenshot(lead.browser(), "supervision.png");
            lead.click(By.id("sup-transfer-go"));
            final JsonNode moved = Await.until("the chat at A2", WAIT, () ->
            {
                final JsonNode chats = admin.get("/api/agents/A2/chats").body();
                return chats.isEmpty() ? null : chats.get(0);
            }, Objects::nonNull);
            assertEquals(session, moved.get("session").asLong());
            assertEquals("lead@demo.switchboard", moved.get("transferredBy").asText(), moved::toString);
            assertEquals(NOTE, moved.get("transferNote").asText(), moved::toString);
            a2.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-messages"),
                "money back for order 4711"));
            a1.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-list"), "No chat."));
            lead.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-watch-who"), "A2"));
            visitor.await("served by A2", f -> f.path("text").asText().contains("Agent A2 is with you"));
            HeadlessBrowser.screenshot(lead.browser(), "supervision-transferred.png");
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(lead.browser(), "supervision-failure.png");
            throw failure;
        }
    }

    @Test
    void onAPhoneTheWorkbenchShowsOneConversationAtATimeWithoutScrollingSideways() throws Exception
    {
        final WorkbenchPage phone = agent("1001", 390, 844);
        try
        {
            final VisitorClient visitor = visitor("visitor-phone-0001");
            visitor.text("2", "r1");
            visitor.await("served by A1", f -> f.path("text").asText().contains("Agent A1 is with you"));
            visitor.text("Hello from a long message that should wrap nicely on a small phone screen, 12345", "r2");
            phone.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-messages"), "small phone"));
            assertTrue(phone.visible(By.id("chat-messages")).isDisplayed());
            assertTrue(phone.visible(By.id("chat-end")).isDisplayed(), "End in sight");
            assertFalse(phone.browser().findElement(By.id("chat-list")).isDisplayed(), "one thing at a time");
            assertNoSidewaysScrolling(phone);
            HeadlessBrowser.screenshot(phone.browser(), "workbench-phone.png");

            // Back shows the sessions; a tap opens the conversation again
            phone.click(By.id("chat-back"));
            phone.click(By.cssSelector("#chat-list .chat-item"));
            phone.visible(By.id("chat-end"));
            assertFalse(phone.browser().findElement(By.id("chat-list")).isDisplayed());
            assertNoSidewaysScrolling(phone);
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(phone.browser(), "workbench-phone-failure.png");
            throw failure;
        }
    }

    private static void assertNoSidewaysScrolling(final WorkbenchPage page)
    {
        final JavascriptExecutor script = (JavascriptExecutor)page.browser();
        assertEquals(390L, ((Number)script.executeScript("return window.innerWidth")).longValue(), "a phone's width");
        final long width = ((Number)script.executeScript("return document.documentElement.scrollWidth")).longValue();
        assertTrue(width <= 390, "the page is " + width + " px wide");
    }

    private WorkbenchPage page(final int width, final int height) throws Exception
    {
        final ChromeDriver browser = HeadlessBrowser.open(width, height);
        browsers.add(browser);
        if (width < 500)
        {
            // headless Chromium keeps a window at least 500 px wide: the phone's screen is emulated instead
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
        final WorkbenchPage page = new WorkbenchPage(browser, WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        return page;
    }

    /** An agent's workbench: logged in, live, idle (no phone: the open page keeps it on). */
    private WorkbenchPage agent(final String extension, final int width, final int height) throws Exception
    {
        final WorkbenchPage page = page(width, height);
        page.logIn(DemoAccounts.email(extension), DemoAccounts.password(extension));
        page.useDeskPhone();
        page.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
        page.click(By.id("state-idle"));
        page.until(WorkbenchPage.state("idle"));
        return page;
    }

    /** A visitor of the demo website, past the flow's menu prompt. */
    private VisitorClient visitor(final String id) throws Exception
    {
        final VisitorClient visitor = VisitorClient.open(server.httpPort(), "http://127.0.0.1",
            "channel=demo&visitor=" + id + "&page=http://127.0.0.1/web/demo-website.html");
        visitors.add(visitor);
        visitor.await("the menu", f -> f.path("text").asText().contains("Reply 1 for products"));
        return visitor;
    }
}
