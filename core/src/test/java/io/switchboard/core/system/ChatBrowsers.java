package io.switchboard.core.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;

/**
 * The two browsers of a chat browser test and the steps those tests share, so that each test says only what it
 * checks: agent A1's workbench (its SIPp phone registered, idle) in one headless Chromium, a visitor on the demo
 * website in another; the visitor through the demo flow's menu to the support group; the agent accepting the offer.
 * {@link #TENANT} is the tenant those steps need (A1 in support and sales, the demo channel on 127.0.0.1).
 */
final class ChatBrowsers implements AutoCloseable
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support", "concurrency": 3, "chatAcceptTimeoutSeconds": 90 },
                               { "name": "sales" } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support", "sales"] } ] }
        , "chat": { "flowsDir": "../conf/chat-flows",
                    "channels": [ { "name": "demo", "domain": "127.0.0.1", "flow": "website" } ] }
        """;
    static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver agent;
    final WebDriver visitor;
    final WorkbenchPage workbench;
    final WorkbenchPage website;
    private final int httpPort;

    private ChatBrowsers(final WebDriver agent, final WebDriver visitor, final int httpPort)
    {
        this.agent = agent;
        this.visitor = visitor;
        this.workbench = new WorkbenchPage(agent, WAIT);
        this.website = new WorkbenchPage(visitor, WAIT);
        this.httpPort = httpPort;
    }

    /** Opens both browsers (the agent's desktop-sized, the visitor's phone-sized) for the server at httpPort. */
    static ChatBrowsers open(final int httpPort) throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        final WebDriver agent = HeadlessBrowser.open(1280, 900);
        try
        {
            return new ChatBrowsers(agent, HeadlessBrowser.open(420, 800), httpPort);
        }
        catch (final Exception | Error failure)
        {
            agent.quit();
            throw failure;
        }
    }

    /** A1's SIPp phone registered; A1 logged in to the workbench with it, live and idle. */
    void agentIdle(final String test) throws Exception
    {
        ServerSystemTest.registerPhone(test, "1001");
        agent.get("http://127.0.0.1:" + httpPort + "/");
        workbench.logIn(DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        workbench.useDeskPhone();
        workbench.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
        workbench.click(By.id("state-idle"));
        workbench.until(WorkbenchPage.state("idle"));
    }

    /** The visitor opens the demo website's chat and answers the flow's menu with 2: support (A1 is offered it). */
    void visitorAsksForSupport()
    {
        visitor.get("http://127.0.0.1:" + httpPort + "/web/demo-website.html");
        website.click(By.className("sbc-btn"));
        website.until(d -> bubbles().stream().anyMatch(t -> t.contains("Reply 1 for products")));
        say("2");
    }

    /** A1 accepts the offered chat; its session id (the only chat A1 has). */
    long accept(final CallApi api) throws Exception
    {
        workbench.click(By.cssSelector("#chat-offers .chat-offer-accept"));
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"), "Serving"));
        website.until(d -> bubbles().stream().anyMatch(t -> t.contains("Agent A1 is with you")));
        return api.get("/api/agents/A1/chats").body().get(0).get("session").asLong();
    }

    /** The texts of the widget's message bubbles. */
    List<String> bubbles()
    {
        return visitor.findElements(By.className("sbc-msg")).stream().map(WebElement::getText).toList();
    }

    /** The visitor types and sends a message. */
    void say(final String text)
    {
        visitor.findElement(By.cssSelector(".sbc-form textarea")).sendKeys(text);
        visitor.findElement(By.cssSelector(".sbc-form .sbc-send")).click();
    }

    /** Scrolls the workbench to its chat panel (for a screenshot). */
    void scrollToChats()
    {
        ((JavascriptExecutor)agent).executeScript("document.getElementById('chat-panel').scrollIntoView()");
    }

    /** Both windows as {@code <name>-agent.png} and {@code <name>-visitor.png}. */
    void screenshots(final String name) throws Exception
    {
        HeadlessBrowser.screenshot(agent, name + "-agent.png");
        HeadlessBrowser.screenshot(visitor, name + "-visitor.png");
    }

    @Override
    public void close()
    {
        agent.quit();
        visitor.quit();
    }
}
