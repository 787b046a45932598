package io.switchboard.core.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Internal chat in two real workbenches (headless Chromium): A1 searches colleague "Bo" by name in the Colleagues
 * panel, opens the conversation and writes; A2 sees the unread badge, opens the conversation (the badge goes), reads
 * and answers; A1 reads the answer in its open conversation, hides the conversation (it leaves the list) and A2's
 * next message brings it back with a badge. The server keeps the messages in order. Screenshots of both
 * workbenches in core/target/screenshots.
 */
@Timeout(180)
@ServerSystemTest.Tenant(InternalChatBrowserTest.TENANT)
class InternalChatBrowserTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" } ],
                   "agents": [ { "staffNo": "A1", "name": "Ada One", "extension": "1001", "groups": ["support"] },
                               { "staffNo": "A2", "name": "Bo Two", "extension": "1002", "groups": ["support"] } ] }
        """;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private WebDriver ada;
    private WebDriver bo;
    private WorkbenchPage adaPage;
    private WorkbenchPage boPage;

    @BeforeEach
    void openBrowsers() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        ada = HeadlessBrowser.open(1280, 900);
        bo = HeadlessBrowser.open(1280, 900);
        adaPage = new WorkbenchPage(ada, WAIT);
        boPage = new WorkbenchPage(bo, WAIT);
    }

    @AfterEach
    void closeBrowsers()
    {
        for (final WebDriver browser : new WebDriver[] {ada, bo})
        {
            if (browser != null)
            {
                browser.quit();
            }
        }
    }

    @Test
    void twoWorkbenchesChat() throws Exception
    {
        try
        {
            chat();
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(ada, "internal-chat-failure-a1.png");
            HeadlessBrowser.screenshot(bo, "internal-chat-failure-a2.png");
            throw failure;
        }
    }

    private void chat() throws Exception
    {
        open(ada, adaPage, "1001");
        open(bo, boPage, "1002");

        // A1 finds Bo by name and writes
        adaPage.clickable(By.id("ic-search")).sendKeys("bo");
        adaPage.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#ic-results .ic-hit"),
            "Bo Two"));
        adaPage.click(By.cssSelector("#ic-results .ic-hit"));
        adaPage.until(ExpectedConditions.textToBe(By.id("ic-who"), "Bo Two"));
        adaPage.clickable(By.id("ic-input")).sendKeys("Can you take the caller from Hamburg?", Keys.ENTER);
        adaPage.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#ic-messages .ic-mine:last-child"), "Can you take the caller from Hamburg?"));

        // A2: the badge, the conversation, the badge gone once read; the answer
        boPage.until(ExpectedConditions.textToBe(By.id("ic-unread"), "1"));
        boPage.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#ic-list .ic-row"),
            "Ada One"));
        HeadlessBrowser.screenshot(bo, "internal-chat-unread.png");
        boPage.click(By.cssSelector("#ic-list .ic-row[data-peer='A1']"));
        boPage.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#ic-messages .ic-theirs"), "Hamburg"));
        boPage.until(ExpectedConditions.invisibilityOfElementLocated(By.id("ic-unread")));
        boPage.clickable(By.id("ic-input")).sendKeys("Yes, put him through.", Keys.ENTER);
        adaPage.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#ic-messages .ic-theirs:last-child"), "Yes, put him through."));
        HeadlessBrowser.screenshot(ada, "internal-chat-conversation.png");

        // A1 hides it: gone from its list; A2's next message brings it back with a badge
        adaPage.click(By.id("ic-hide"));
        adaPage.visible(By.id("ic-search"));
        adaPage.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ic-list .ic-row"), 0));
        boPage.clickable(By.id("ic-input")).sendKeys("Thanks!", Keys.ENTER);
        adaPage.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#ic-list .ic-row[data-peer='A2']"), "Thanks!"));
        adaPage.until(ExpectedConditions.textToBe(By.id("ic-unread"), "1"));
        HeadlessBrowser.screenshot(ada, "internal-chat-back.png");

        final CallApi admin = new CallApi(server.httpPort());
        final List<String> texts = Await.until("three messages", WAIT, () -> admin.get(
            "/api/agents/A1/internal/A2/messages").body().findValuesAsText("text"), list -> list.size() == 3);
        assertEquals(List.of("Can you take the caller from Hamburg?", "Yes, put him through.", "Thanks!"), texts);
    }

    /** Logs the agent in with its desk phone and waits for the live events and the Colleagues panel. */
    private void open(final WebDriver browser, final WorkbenchPage page, final String extension)
    {
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        page.logIn(DemoAccounts.email(extension), DemoAccounts.password(extension));
        page.useDeskPhone();
        page.until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
        page.visible(By.id("ic-search"));
    }
}
