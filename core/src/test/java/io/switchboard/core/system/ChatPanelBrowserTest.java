package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's chat panel in a real browser, with the visitor in another: headless Chromium opens the demo website
 * and chats through the session flow to the support group; agent A1 (its SIPp phone registered, idle in its
 * workbench, manual accept) sees the incoming-chat bar with the visitor's words and the countdown, accepts, reads the
 * visitor's message, replies with a quick reply picked by typing {@code #} (the visitor reads it), reloads the page
 * and finds the conversation again, ends the chat after confirming (the visitor sees the end notice) and finishes
 * its wrap-up. Screenshots of both windows in core/target/screenshots.
 */
@Timeout(180)
@ServerSystemTest.Tenant(ChatBrowsers.TENANT)
class ChatPanelBrowserTest extends ServerSystemTest
{
    private static final String REPLY = "Thank you for waiting, I am checking your order now.";

    private ChatBrowsers browsers;
    private WebDriver agent;
    private WebDriver visitor;
    private WorkbenchPage workbench;
    private WorkbenchPage website;

    @BeforeEach
    void openBrowsers() throws Exception
    {
        browsers = ChatBrowsers.open(server.httpPort());
        agent = browsers.agent;
        visitor = browsers.visitor;
        workbench = browsers.workbench;
        website = browsers.website;
    }

    @AfterEach
    void closeBrowsers()
    {
        if (browsers != null)
        {
            browsers.close();
        }
    }

    @Test
    void anAgentAcceptsAChatAnswersWithAQuickReplyEndsAndFinishesIt() throws Exception
    {
        try
        {
            acceptAnswerEndAndFinish();
        }
        catch (final Exception | AssertionError failure)
        {
            browsers.screenshots("chat-panel-failure");
            throw failure;
        }
    }

    private void acceptAnswerEndAndFinish() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        assertEquals(201, admin.post("/api/quick-replies", "{\"text\":\"" + REPLY + "\"}").status());
        browsers.agentIdle("chatpanel");
        workbench.until(ExpectedConditions.textToBe(By.id("chat-capacity"), "0 / 3"));

        // the visitor: the demo website's chat button, the flow's menu, 2 for support
        browsers.visitorAsksForSupport();

        // the agent: the incoming-chat bar with the visitor's words and a countdown; accept
        workbench.visible(By.cssSelector("#chat-offers .chat-offer"));
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".chat-offer-words"), "2"));
        // looked up afresh: the bar is redrawn when the offers change
        final int left = Integer.parseInt(workbench.until(d -> d.findElement(By.cssSelector(
            "#chat-offers .chat-offer-seconds")).getText()));
        assertTrue(left > 30 && left <= 90, "the countdown from the group's 90 s: " + left);
        workbench.until(ExpectedConditions.textToBe(By.id("chat-capacity"), "1 / 3"));
        HeadlessBrowser.screenshot(agent, "chat-panel-offer.png");
        workbench.click(By.cssSelector("#chat-offers .chat-offer-accept"));
        workbench.until(ExpectedConditions.invisibilityOfElementLocated(By.id("chat-offers")));
        website.until(d -> browsers.bubbles().stream().anyMatch(t -> t.contains("Agent A1 is with you")));
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"), "Serving"));

        // the visitor writes, the agent reads it and answers with a quick reply picked by typing #
        browsers.say("我的订单还没到。My order has not arrived.");
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-messages .chat-msg.from-visitor:last-child"), "My order has not arrived."));
        final WebElement input = workbench.clickable(By.id("chat-input"));
        input.sendKeys("#wait");
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-replies-pop .chat-reply.active"), "Thank you for waiting"));
        input.sendKeys(Keys.ENTER);
        workbench.until(ExpectedConditions.attributeToBe(By.id("chat-input"), "value", REPLY));
        input.sendKeys(Keys.ENTER);
        website.until(d -> browsers.bubbles().stream().anyMatch(t -> t.contains(REPLY)));
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-messages .chat-msg.from-agent:last-child"), REPLY));
        assertEquals("", input.getAttribute("value"));
        final JsonNode said = admin.get("/api/agents/A1/chats").body();
        final long session = said.get(0).get("session").asLong();
        final JsonNode messages = admin.get("/api/agents/A1/chats/" + session + "/messages").body();
        final JsonNode last = messages.get(messages.size() - 1);
        assertEquals(REPLY, last.get("text").asText(), messages::toString);
        assertEquals("agent", last.get("from").asText(), messages::toString);

        // a reload: the chat, its conversation and the visitor's details come back from the API
        agent.navigate().refresh();
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-messages .chat-msg.from-agent:last-child"), REPLY));
        workbench.until(ExpectedConditions.textToBe(By.id("chat-channel"), "demo"));
        assertEquals(1, agent.findElements(By.cssSelector("#chat-list .chat-item")).size());
        assertEquals(1, agent.findElements(By.cssSelector("#chat-messages .chat-msg.from-agent")).size(),
            "nothing repeated after the reload");
        browsers.scrollToChats();
        HeadlessBrowser.screenshot(agent, "chat-panel-agent.png");
        HeadlessBrowser.screenshot(visitor, "chat-panel-visitor.png");
        narrowScreen();

        // End, confirmed: the visitor sees the end notice; the agent finishes its wrap-up
        workbench.click(By.id("chat-end"));
        workbench.click(By.id("confirm-yes"));
        website.until(ExpectedConditions.textToBePresentInElementLocated(By.className("sbc-state"), "ended"));
        website.until(d -> browsers.bubbles().stream().anyMatch(t -> t.contains("Thank you for chatting with us")));
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"), "Wrap-up"));
        HeadlessBrowser.screenshot(visitor, "chat-panel-visitor-ended.png");
        workbench.click(By.id("chat-finish"));
        workbench.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-none")));
        workbench.until(ExpectedConditions.textToBe(By.id("chat-capacity"), "0 / 3"));
        assertEquals(0, admin.get("/api/agents/A1/chats").body().size());
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
    }

    /** On a phone-sized window the panel stacks in one column, within the screen's width, and still works. */
    private void narrowScreen() throws Exception
    {
        agent.manage().window().setSize(new Dimension(420, 860));
        workbench.until(d -> ((Number)((JavascriptExecutor)d).executeScript(
            "return document.getElementById('chat-panel').getBoundingClientRect().right - window.innerWidth"))
            .doubleValue() <= 0);
        final WebElement composer = agent.findElement(By.id("chat-input"));
        assertTrue(composer.isDisplayed() && composer.getSize().getWidth() > 250, "the composer on a narrow screen");
        browsers.scrollToChats();
        HeadlessBrowser.screenshot(agent, "chat-panel-agent-narrow.png");
        agent.manage().window().setSize(new Dimension(1280, 900));
    }
}
