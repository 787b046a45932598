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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The website widget in a real browser: headless Chromium opens the demo website served by the server, clicks the
 * chat button, answers the session flow's menu, is queued and offered to agent A1 (auto-accept), reads the agent's
 * message with its staff number, writes back (the agent reads it through the API), goes to another page of the site
 * and finds the conversation there with nothing repeated, and ends the chat. Screenshots in core/target/screenshots.
 */
@Tag("system")
@Timeout(120)
class ChatWidgetBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TENANT = """
        , "acd": { "chatAutoAccept": true, "groups": [ { "name": "support" }, { "name": "sales" } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support", "sales"] } ] }
        , "chat": { "flowsDir": "%s", "channels": [ { "name": "demo", "domain": "127.0.0.1", "flow": "website" } ] }
        """.formatted(Sipp.ROOT.resolve("conf/chat-flows").toString().replace("\\", "\\\\"));

    private final TestResources resources = new TestResources();
    private SwitchboardServer server;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        server = SwitchboardServer.start(ConfigLoader.parse(TestServers.configJson(TENANT,
            Files.createTempDirectory("switchboard-widget").toString(), 0, 0)).conclude());
        browser = HeadlessBrowser.open(1280, 900);
    }

    @AfterEach
    void stop() throws Exception
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

    @Test
    void aVisitorChatsFromTheDemoWebsiteWithAnAgent() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final int phone = Sipp.freeUdpPort();
        final Sipp register = Sipp.scenario("widget-register-1001", "register/register.xml")
            .registering("1001", 600).credentials("1001", "demo-1001").port(phone);
        assertEquals(0, register.run(server.sipUdpPort()), register::traces);
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());

        browser.get("http://127.0.0.1:" + server.httpPort() + "/web/demo-website.html");
        click(By.className("sbc-btn"));
        until(d -> bubbles().stream().anyMatch(t -> t.contains("Reply 1 for products")));
        send("2");
        until(ExpectedConditions.textToBePresentInElementLocated(By.className("sbc-state"), "A1"));
        until(d -> bubbles().stream().anyMatch(t -> t.contains("Agent A1 is with you")));

        final long session = admin.get("/api/agents/A1/chats").body().get(0).get("session").asLong();
        assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/messages",
            "{\"text\":\"您好，我是 A1。\"}").status());
        until(d -> bubbles().stream().anyMatch(t -> t.contains("您好，我是 A1。")));
        send("我的订单还没到。");
        final JsonNode said = Await.until("the visitor's message at the agent", WAIT,
            () -> admin.get("/api/agents/A1/chats/" + session + "/messages").body(),
            messages -> messages.toString().contains("我的订单还没到。"));
        assertEquals("visitor", said.get(said.size() - 1).get("from").asText());
        HeadlessBrowser.screenshot(browser, "chat-widget.png");

        // another page of the site: the widget opens by itself and shows only what came after what it saw
        browser.findElement(By.linkText("Another page of the site")).click();
        assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/messages",
            "{\"text\":\"我帮您查一下。\"}").status());
        until(d -> bubbles().contains("我帮您查一下。") || bubbles().stream().anyMatch(t -> t.endsWith("我帮您查一下。")));
        assertEquals(session, ((Number)browser.executeScript("return window.switchboardChat.session")).longValue());

        click(By.cssSelector(".sbc-end button"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.className("sbc-state"), "ended"));
        Await.until("the agent's wrap-up", () -> admin.get("/api/agents/A1/chats").body().get(0).get("state")
            .asText(), "wrap-up"::equals);
        assertEquals(200, admin.post("/api/agents/A1/chats/" + session + "/finish", "{}").status());
    }

    private List<String> bubbles()
    {
        return browser.findElements(By.className("sbc-msg")).stream().map(WebElement::getText).toList();
    }

    private void send(final String text)
    {
        final WebElement input = browser.findElement(By.cssSelector(".sbc-form textarea"));
        input.sendKeys(text);
        browser.findElement(By.cssSelector(".sbc-form .sbc-send")).click();
    }

    private <T> T until(final ExpectedCondition<T> condition)
    {
        return WorkbenchPage.wait(browser, WAIT).until(condition);
    }


    /** Clicks once clickable, looked up again if the page redrew it meanwhile. */
    private void click(final By by)
    {
        WorkbenchPage.click(browser, WAIT, by);
    }
}
