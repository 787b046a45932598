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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An invitation in a real browser: headless Chromium opens the demo website, whose widget's presence socket makes the
 * visitor appear in GET /api/visitors with the page's title; agent A1 invites it, the widget shows the invitation's
 * text, the visitor clicks "Chat now", answers the flow's menu and is served by A1. Screenshot
 * core/target/screenshots/visitor-invite.png.
 */
@Tag("system")
@Timeout(120)
class VisitorInviteBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TENANT = """
        , "acd": { "chatAutoAccept": true, "groups": [ { "name": "support" }, { "name": "sales" } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support", "sales"] } ] }
        , "chat": { "flowsDir": "%s", "channels": [ { "name": "demo", "domain": "127.0.0.1", "flow": "website" } ] }
        """.formatted(Sipp.ROOT.resolve("conf/chat-flows").toString().replace("\\", "\\\\"));

    private SwitchboardServer server;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        server = SwitchboardServer.start(ConfigLoader.parse(TestServers.configJson(TENANT,
            Files.createTempDirectory("switchboard-invite").toString(), 0, 0)).conclude());
        browser = HeadlessBrowser.open(1280, 900);
    }

    @AfterEach
    void stop()
    {
        if (browser != null)
        {
            browser.quit();
        }
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void anAgentInvitesAVisitorOnTheDemoWebsiteAndServesTheChatItAccepts() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        final CallApi agent = new CallApi(server.httpPort(), CallApi.login(server.httpPort(),
            DemoAccounts.email("1001"), DemoAccounts.password("1001")));
        assertEquals(200, agent.post("/api/agents/A1/state", "{\"state\":\"idle\"}").status());

        browser.get("http://127.0.0.1:" + server.httpPort() + "/web/demo-website.html");
        final JsonNode visitor = Await.until("the visitor listed", WAIT, () -> agent.get("/api/visitors").body(),
            rows -> rows.size() == 1).get(0);
        assertFalse(visitor.get("title").asText().isEmpty(), visitor::toString);
        assertEquals("demo", visitor.get("channel").asText());
        final String id = visitor.get("visitorId").asText();
        assertEquals(200, agent.post("/api/visitors/" + id + "/invite", "{\"text\":\"May I help you?\"}").status());

        until(ExpectedConditions.textToBePresentInElementLocated(By.className("sbc-invite"), "May I help you?"));
        HeadlessBrowser.screenshot(browser, "visitor-invite.png");
        click(By.className("sbc-accept"));
        until(d -> browser.findElements(By.className("sbc-msg")).stream().map(WebElement::getText)
            .anyMatch(t -> t.contains("Reply 1 for products")));
        browser.findElement(By.cssSelector(".sbc-form textarea")).sendKeys("2");
        browser.findElement(By.cssSelector(".sbc-form .sbc-send")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.className("sbc-state"), "A1"));
        Await.until("A1 serves it", WAIT, () -> admin.get("/api/agents/A1/chats").body(),
            rows -> rows.size() == 1 && "serving".equals(rows.get(0).path("state").asText()));
        Await.until("listed as chatting", WAIT, () -> agent.get("/api/visitors").body().get(0).get("chatting")
            .asBoolean(), Boolean::booleanValue);
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
