package io.switchboard.core.system;

import io.switchboard.core.chat.AppTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The app channel in a real browser (headless Chromium): the administrator creates an app channel on the Channels
 * page and sees its secret once; agent A1 opens a chat with an app user who is not connected through "New chat"
 * in the chat panel, the conversation opens serving with the message; the user's app (a WebSocket with a token
 * signed by that secret) gets the message and answers, and the agent sees the answer. Screenshots in
 * core/target/screenshots ({@code app-channel-*.png}).
 */
@Timeout(150)
@ServerSystemTest.Tenant(AppChatBrowserTest.TENANT)
class AppChatBrowserTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "chatAutoAccept": true,
                   "groups": [ { "name": "support", "concurrency": 3, "chatAcceptTimeoutSeconds": 0 } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        , "chat": { "flowsDir": "src/test/resources/chat-flows", "channels": [] }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriver browser;
    private static WorkbenchPage page;

    @BeforeAll
    static void openBrowser() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        browser = HeadlessBrowser.open(1280, 1000);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        page = new WorkbenchPage(browser, WAIT);
    }

    @AfterAll
    static void closeBrowser()
    {
        if (browser != null)
        {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void anAdministratorMakesAnAppChannelAndAnAgentStartsAChatWithAnOfflineUser() throws Exception
    {
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        page.logIn(DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
        page.visible(By.id("admin-accounts"));
        page.clickable(By.cssSelector(".admin-tab[data-admin='channels']")).click();
        page.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#app-flow option[value='shop']")));
        page.visible(By.id("app-name")).sendKeys("mobile");
        new Select(browser.findElement(By.id("app-flow"))).selectByValue("shop");
        browser.findElement(By.id("app-save")).click();
        page.until(ExpectedConditions.attributeToBeNotEmpty(page.visible(By.id("app-secret")), "value"));
        final String secret = browser.findElement(By.id("app-secret")).getAttribute("value");
        assertEquals(43, secret.length(), secret);
        page.visible(By.xpath("//table[@id='app-channels-table']//tr[td[1][text()='mobile']]"));
        HeadlessBrowser.screenshot(browser, "app-channel-admin.png");

        browser.manage().deleteAllCookies();
        registerPhone("app-browser", "1001");
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        page.logIn(DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        page.useDeskPhone();
        page.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
        page.clickable(By.id("state-idle")).click();
        page.until(WorkbenchPage.state("idle"));

        page.clickable(By.id("chat-app-new")).click();
        page.until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#chat-app-channel option[value='mobile']")));
        page.visible(By.id("chat-app-user")).sendKeys("U7");
        browser.findElement(By.id("chat-app-text")).sendKeys("您的订单已发货 Your order has shipped");
        browser.findElement(By.id("chat-app-send")).click();
        page.until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "Chat opened")));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"), "Serving"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-messages .chat-msg.from-agent"), "Your order has shipped"));

        final String token = AppTokens.sign("mobile", secret, "U7", "Ann", System.currentTimeMillis() / 1000 + 600);
        final VisitorClient app = VisitorClient.open(server.httpPort(), null, "channel=mobile&token=" + token);
        app.await("the agent's message", f -> "您的订单已发货 Your order has shipped".equals(f.path("text").asText()));
        app.text("Thank you!", "r1");
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-messages .chat-msg.from-visitor"), "Thank you!"));
        HeadlessBrowser.screenshot(browser, "app-channel-chat.png");
        app.close();
    }
}
