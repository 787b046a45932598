package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chats changing hands in real browsers (headless Chromium), the visitor played over the widget's WebSocket: agent
 * A1 transfers a chat to A2 with a note from the transfer dialog (A2 first shown with its reception off, which it
 * turns on in its workbench; the switch survives a reload), A2's workbench shows the session with the note above the
 * whole history and A1's drops it, the visitor hears that A2 is with it; and the unassigned pool: with A1 busy a
 * visitor waits, A1 sees it in "Pool (1)" with its last message, accepts it and the conversation opens with what the
 * visitor wrote while waiting. No phones: an open workbench keeps an agent online. Screenshots in
 * core/target/screenshots.
 */
@Timeout(120)
@ServerSystemTest.Tenant(ChatHandoverBrowserTest.TENANT)
class ChatHandoverBrowserTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "chatAutoAccept": true,
                   "groups": [ { "name": "support", "concurrency": 3 }, { "name": "sales", "concurrency": 3 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support", "sales"] },
                               { "staffNo": "A2", "extension": "1002", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "../conf/chat-flows",
                    "channels": [ { "name": "demo", "domain": "127.0.0.1", "flow": "website" } ] }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NOTE = "Order 4711 is late; the customer wants a refund.";

    private final List<WebDriver> browsers = new ArrayList<>();
    private final List<VisitorClient> visitors = new ArrayList<>();

    @BeforeEach
    void needsChromiumAndAFreshStart() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        // the server is the class's: what the other test left (sessions, states) is cleared first
        clearChats(new CallApi(server.httpPort()), "A1", "A2");
    }

    /** Ends and finishes every chat of the agents and sets them offline (a fresh start on a class's server). */
    static void clearChats(final CallApi admin, final String... agents) throws Exception
    {
        for (final String agent : agents)
        {
            for (final JsonNode chat : admin.get("/api/agents/" + agent + "/chats").body())
            {
                final String base = "/api/agents/" + agent + "/chats/" + chat.get("session").asLong();
                if ("serving".equals(chat.get("state").asText()))
                {
                    assertEquals(200, admin.post(base + "/end", "{}").status());
                }
                assertEquals(200, admin.post(base + "/finish", "{}").status());
            }
            assertEquals(200, admin.post("/api/agents/" + agent + "/state", "{\"state\":\"offline\"}").status());
        }
    }

    @AfterEach
    void close()
    {
        visitors.forEach(VisitorClient::close);
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void anAgentTransfersAChatWithANoteAndTheColleagueSeesTheWholeHistory() throws Exception
    {
        final WorkbenchPage a1 = workbench("1001");
        final WorkbenchPage a2 = workbench("1002");
        try
        {
            // A2 switches its reception off: the chat goes to A1; after a reload A2's switch is still off
            a2.click(By.id("chat-reception"));
            a2.until(ExpectedConditions.textToBe(By.id("chat-reception-state"), "off"));
            final CallApi admin = new CallApi(server.httpPort());
            admin.awaitAgent("A2", "reception off", a -> !a.get("chatReception").asBoolean());
            a2.browser().navigate().refresh();
            a2.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
            a2.until(ExpectedConditions.textToBe(By.id("chat-reception-state"), "off"));
            assertFalse(a2.browser().findElement(By.id("chat-reception")).isSelected(), "off after the reload");

            final VisitorClient visitor = visitor("visitor-transfer-0001");
            visitor.text("2", "r1");
            visitor.await("served by A1", f -> f.path("text").asText().contains("Agent A1 is with you"));
            visitor.text("我的订单 4711 还没到 / my order 4711 has not arrived", "r2");
            a1.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "#chat-messages .chat-msg.from-visitor:last-child"), "my order 4711 has not arrived"));

            // the dialog: A2 shown online with its reception off, not selectable; sales has nobody else
            a1.click(By.id("chat-transfer"));
            final WebElement colleague = a1.visible(By.cssSelector("#chat-transfer-agents button[data-agent='A2']"));
            assertTrue(colleague.getText().contains("Online") && colleague.getText().contains("Reception off"),
                colleague.getText());
            assertFalse(colleague.isEnabled(), "reception off: not selectable");
            a1.visible(By.id("chat-transfer-none"));
            a1.click(By.id("chat-transfer-tab-group"));
            final WebElement sales = a1.visible(By.cssSelector("#chat-transfer-groups button[data-group='sales']"));
            assertTrue(sales.getText().contains("0 / 1") && !sales.isEnabled(), sales.getText());
            a1.browser().findElement(By.cssSelector("#chat-transfer-dialog .dialog-head button")).click();

            // A2 turns its reception on; A1 finds it by its staff number, adds the note and transfers
            a2.click(By.id("chat-reception"));
            a2.until(ExpectedConditions.textToBe(By.id("chat-reception-state"), "on"));
            admin.awaitAgent("A2", "reception on", a -> a.get("chatReception").asBoolean());
            a1.click(By.id("chat-transfer"));
            a1.click(By.id("chat-transfer-tab-agent"));
            a1.visible(By.id("chat-transfer-search")).sendKeys("a2");
            a1.click(By.cssSelector("#chat-transfer-agents button[data-agent='A2']"));
            assertEquals(1, a1.browser().findElements(By.cssSelector("#chat-transfer-agents .chat-pick")).size());
            a1.browser().findElement(By.id("chat-transfer-note")).sendKeys(NOTE);
            HeadlessBrowser.screenshot(a1.browser(), "chat-transfer-dialog.png");
            a1.click(By.id("chat-transfer-go"));

            // A2: the session, the note above the whole history; A1: gone; the visitor: A2 is with it
            a2.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-transfer-notice"),
                "Transferred from A1: " + NOTE));
            a2.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-messages"),
                "my order 4711 has not arrived"));
            a2.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-messages"),
                "Reply 1 for products"));
            a2.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"), "Serving"));
            a1.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-list"), "No chat."));
            visitor.await("served by A2", f -> f.path("text").asText().contains("Agent A2 is with you"));
            final JsonNode chats = admin.get("/api/agents/A2/chats").body();
            assertEquals(1, chats.size(), chats::toString);
            assertEquals(NOTE, chats.get(0).get("transferNote").asText(), chats::toString);
            scrollToChats(a2);
            HeadlessBrowser.screenshot(a2.browser(), "chat-transfer-received.png");
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(a1.browser(), "chat-transfer-failure-a1.png");
            HeadlessBrowser.screenshot(a2.browser(), "chat-transfer-failure-a2.png");
            throw failure;
        }
    }

    @Test
    void aBusyAgentAcceptsAWaitingVisitorFromThePool() throws Exception
    {
        final WorkbenchPage a1 = workbench("1001");
        try
        {
            a1.click(By.id("state-busy"));
            a1.until(WorkbenchPage.state("busy"));
            final VisitorClient visitor = visitor("visitor-pool-0001");
            visitor.text("2", "r1");
            visitor.await("the queue message", f -> f.path("text").asText().contains("visitor(s) ahead of you"));
            visitor.text("Where is my invoice 42? 我的发票在哪里？", "r2");
            visitor.await("ack r2", f -> "r2".equals(f.path("ref").asText()));

            // within a refresh (5 s) the count shows it; the table has the last message and the count
            a1.until(ExpectedConditions.textToBe(By.id("chat-pool-count"), "1"));
            a1.click(By.id("chat-tab-pool"));
            // the pool redraws its rows at each refresh (5 s) and after chat events: what the row shows is read
            // from one drawing, read again if a redraw came in between
            final List<String> shown = a1.until(d ->
            {
                final WebElement row = d.findElement(By.cssSelector("#chat-pool-rows .chat-pool-row"));
                return row.getText().contains("invoice 42") ? List.of(
                    row.findElement(By.className("chat-pool-last")).getAttribute("title"),
                    row.findElement(By.className("chat-pool-num")).getText(),
                    row.findElement(By.className("chat-pool-source")).getText()) : null;
            });
            assertEquals("Where is my invoice 42? 我的发票在哪里？", shown.get(0));
            assertEquals("2", shown.get(1), "the visitor's messages");
            assertTrue(shown.get(2).contains("demo"), shown::toString);
            a1.click(By.id("chat-pool-mine"));
            a1.visible(By.id("chat-pool-empty"));
            a1.click(By.id("chat-pool-mine"));
            scrollToChats(a1);
            HeadlessBrowser.screenshot(a1.browser(), "chat-pool.png");

            // a double-click accepts: the conversation opens with what the visitor wrote while waiting
            a1.until(d ->
            {
                new Actions(d).doubleClick(d.findElement(By.cssSelector("#chat-pool-rows .chat-pool-who"))).perform();
                return true;
            });
            a1.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-messages"), "invoice 42"));
            a1.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"), "Serving"));
            assertTrue(a1.browser().findElement(By.id("chat-pool")).getAttribute("hidden") != null,
                "back to the sessions");
            visitor.await("served by A1", f -> f.path("text").asText().contains("Agent A1 is with you"));
            a1.until(ExpectedConditions.textToBe(By.id("chat-pool-count"), "0"));
            scrollToChats(a1);
            HeadlessBrowser.screenshot(a1.browser(), "chat-pool-accepted.png");
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(a1.browser(), "chat-pool-failure.png");
            throw failure;
        }
    }

    /** An agent's workbench in a browser of its own: logged in, live, idle (no phone: the open page keeps it on). */
    private WorkbenchPage workbench(final String extension) throws Exception
    {
        final WebDriver browser = HeadlessBrowser.open(1280, 900);
        browsers.add(browser);
        final WorkbenchPage page = new WorkbenchPage(browser, WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
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

    private static void scrollToChats(final WorkbenchPage page)
    {
        ((JavascriptExecutor)page.browser()).executeScript(
            "document.getElementById('chat-panel').scrollIntoView()");
    }
}
