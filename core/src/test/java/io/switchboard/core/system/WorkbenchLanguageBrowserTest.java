package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The workbench's main path in each language, in a real browser: once with a Chinese browser (chromium's
 * {@code --lang=zh-CN} and its accepted languages) and once with an English one. The log-in page follows the
 * browser; the agent logs in, goes idle (示闲 / Idle shown on the button and in the top bar), opens the records
 * (their column headers), and switches the language in the top bar: the page changes at once, the choice is kept
 * with the account (checked in the API) and after a reload, and a second browser profile whose own language is the
 * other one shows the account's choice once logged in. Screenshots of both languages are saved in
 * {@code core/target/screenshots} (language-zh-*.png, language-en-*.png). In a Chinese browser the administrator's
 * pages (the tabs, the skill groups' table and form, which the switch redraws in English and back, the voice flows,
 * the call center settings), supervision (its tables) and the
 * website's chat widget on the demo page (its button, composer and end button) speak Chinese too.
 * <p>
 * Skipped only where chromium or chromedriver is not installed ({@code scripts/test.sh} installs both).
 */
@Timeout(240)
@ServerSystemTest.Tenant(WorkbenchLanguageBrowserTest.TENANT)
class WorkbenchLanguageBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Agents A5 (1005, the Chinese browser's) and A6 (1006, the English one's) in support. */
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [
              { "staffNo": "A5", "name": "Agent Five", "extension": "1005", "groups": ["support"] },
              { "staffNo": "A6", "name": "Agent Six", "extension": "1006", "groups": ["support"] } ] }
        """;

    private static CallApi api;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void checkTheBrowser() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        api = new CallApi(server.httpPort());
        // the agents' desk phones are registered, as they would be: an agent whose phone is not registered is
        // present only while its workbench's socket is open, and a reload on a loaded machine may close it for
        // two presence sweeps in a row, which signs the agent out
        for (final String extension : List.of("1005", "1006"))
        {
            registerPhone("language", extension);
        }
    }

    @AfterEach
    void closeBrowsers() throws Exception
    {
        for (final WebDriver browser : browsers)
        {
            browser.quit();
        }
        browsers.clear();
        for (final String agent : List.of("A5", "A6"))
        {
            assertEquals(200, api.post("/api/agents/" + agent + "/state", "{\"state\":\"offline\"}").status(), agent);
        }
    }

    @Test
    void aChineseBrowserShowsTheManualsWordsAndTheChoiceFollowsTheAccount() throws Exception
    {
        final WorkbenchPage page = open("zh-CN");
        try
        {
            mainPathThenSwitch(page, "1005", Labels.ZH, Labels.EN);
            // another profile whose browser speaks Chinese: the log-in page does, the account's choice wins after
            final WorkbenchPage other = open("zh-CN");
            other.until(ExpectedConditions.textToBe(By.id("login-submit"), Labels.ZH.logIn()));
            other.logIn(DemoAccounts.email("1005"), DemoAccounts.password("1005"));
            other.useDeskPhone();
            other.until(ExpectedConditions.textToBe(By.id("tab-records"), Labels.EN.records()));
            other.until(WorkbenchPage.state("idle"));
            other.until(shows("state-name", Labels.EN.idle()));
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(page.browser(), "language-zh-failure.png");
            throw failure;
        }
    }

    @Test
    void anEnglishBrowserShowsEnglishAndSwitchesToChinese() throws Exception
    {
        final WorkbenchPage page = open("en-US");
        try
        {
            // the log-in page's own switch, there and back
            page.click(By.id("login-lang-zh"));
            page.until(ExpectedConditions.textToBe(By.id("login-submit"), Labels.ZH.logIn()));
            page.until(shows("login-email-label", "邮箱"));
            page.click(By.id("login-lang-en"));
            page.until(ExpectedConditions.textToBe(By.id("login-submit"), Labels.EN.logIn()));
            mainPathThenSwitch(page, "1006", Labels.EN, Labels.ZH);
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(page.browser(), "language-en-failure.png");
            throw failure;
        }
    }

    @Test
    void anAdministratorsPagesSupervisionAndTheWidgetSpeakChinese() throws Exception
    {
        final WorkbenchPage page = open("zh-CN");
        try
        {
            page.logIn(DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
            page.visible(By.id("admin-accounts"));
            page.until(shows("logout", Labels.ZH.logout()));
            page.until(ExpectedConditions.textToBe(By.cssSelector("#admin-accounts h2"), "账号"));
            page.until(ExpectedConditions.textToBe(By.cssSelector(".admin-tab[data-admin='groups']"), "技能组"));
            page.click(By.cssSelector(".admin-tab[data-admin='groups']"));
            page.until(ExpectedConditions.attributeToBe(By.cssSelector("#groups-table th:nth-child(2)"),
                "textContent", "分配策略"));
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("groups-table"), "support"));
            page.until(ExpectedConditions.textToBe(By.id("grp-save"), "创建技能组"));
            HeadlessBrowser.screenshot(page.browser(), "language-zh-admin-groups.png");
            // the switch redraws the open page's table (its labels from the dictionary), there and back
            page.click(By.cssSelector(".topbar [data-lang='en']"));
            page.until(ExpectedConditions.attributeToBe(By.cssSelector("#groups-table th:nth-child(2)"),
                "textContent", "Policy"));
            page.click(By.cssSelector(".topbar [data-lang='zh-CN']"));
            page.until(ExpectedConditions.attributeToBe(By.cssSelector("#groups-table th:nth-child(2)"),
                "textContent", "分配策略"));
            page.click(By.cssSelector(".admin-tab[data-admin='flows']"));
            page.until(ExpectedConditions.textToBe(By.cssSelector("#admin-flows h2"), "IVR 流程"));
            page.until(ExpectedConditions.textToBe(By.id("vf-new"), "新建流程"));
            page.click(By.cssSelector(".admin-tab[data-admin='settings']"));
            page.until(ExpectedConditions.textToBe(By.id("set-save"), "保存设置"));
            page.until(ExpectedConditions.attributeToBe(By.id("set-ring"), "value", "20"));
            HeadlessBrowser.screenshot(page.browser(), "language-zh-admin-settings.png");

            page.click(By.id("tab-supervision"));
            page.until(ExpectedConditions.attributeToBe(By.cssSelector("#sup-agents th"), "textContent", "坐席"));
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-agents"), "A5"));
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sup-agents"), "离线"));
            page.until(ExpectedConditions.textToBe(By.cssSelector(".sup-calls-panel h2"), "实时通话"));
            HeadlessBrowser.screenshot(page.browser(), "language-zh-supervision.png");

            // the website's widget in a Chinese browser: the demo page and the widget follow it
            page.browser().get("http://127.0.0.1:" + server.httpPort() + "/web/demo-website.html");
            page.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "zh-CN"));
            page.until(ExpectedConditions.textToBe(By.className("sbc-btn"), "咨询"));
            page.click(By.className("sbc-btn"));
            page.until(ExpectedConditions.textToBe(By.cssSelector(".sbc-form .sbc-send"), "发送"));
            page.until(ExpectedConditions.attributeToBe(By.cssSelector(".sbc-form textarea"), "placeholder",
                "请输入…"));
            page.until(ExpectedConditions.textToBe(By.cssSelector(".sbc-end button"), "结束会话"));
            HeadlessBrowser.screenshot(page.browser(), "language-zh-widget.png");
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(page.browser(), "language-zh-admin-failure.png");
            throw failure;
        }
    }

    /**
     * The main path in the browser's language {@code first} (log-in page, idle, records; a screenshot of each), then
     * the top bar's switch to {@code then}, kept with the account and after a reload.
     */
    private static void mainPathThenSwitch(final WorkbenchPage page, final String extension, final Labels first,
        final Labels then) throws Exception
    {
        final String shot = "language-" + first.shot() + "-";
        page.until(ExpectedConditions.textToBe(By.id("login-submit"), first.logIn()));
        assertEquals(first.lang(), page.browser().findElement(By.tagName("html")).getAttribute("lang"));
        HeadlessBrowser.screenshot(page.browser(), shot + "login.png");
        logInAndGoIdle(page, extension, first);
        HeadlessBrowser.screenshot(page.browser(), shot + "workbench.png");
        showRecords(page, first, shot + "records.png");

        switchTo(page, then.lang(), extension, then);
        reloadAndExpect(page, then);
        HeadlessBrowser.screenshot(page.browser(), shot + "switched-" + then.shot() + ".png");
    }

    /** The words the test checks, per language. */
    private record Labels(String lang, String shot, String logIn, String idle, String records, String started,
        String logout)
    {
        static final Labels ZH = new Labels("zh-CN", "zh", "登录", "示闲", "服务记录", "开始时间", "退出登录");
        static final Labels EN = new Labels("en", "en", "Log in", "Idle", "Records", "Started", "Log out");
    }

    private WorkbenchPage open(final String language) throws Exception
    {
        final WebDriver browser = HeadlessBrowser.openIn(language, 1280, 800);
        browsers.add(browser);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        final WorkbenchPage page = new WorkbenchPage(browser, WAIT);
        page.visible(By.id("login-email"));
        return page;
    }

    private static void logInAndGoIdle(final WorkbenchPage page, final String extension, final Labels labels)
    {
        page.logIn(DemoAccounts.email(extension), DemoAccounts.password(extension));
        page.useDeskPhone();
        page.until(shows("logout", labels.logout()));
        page.until(ExpectedConditions.textToBe(By.cssSelector("#state-idle .state-btn-name"), labels.idle()));
        page.click(By.id("state-idle"));
        page.until(WorkbenchPage.state("idle"));
        page.until(shows("state-name", labels.idle()));
    }

    private static void showRecords(final WorkbenchPage page, final Labels labels, final String screenshot)
        throws Exception
    {
        page.until(ExpectedConditions.textToBe(By.id("tab-records"), labels.records()));
        page.click(By.id("tab-records"));
        page.until(ExpectedConditions.visibilityOfElementLocated(By.id("records-table")));
        page.until(ExpectedConditions.attributeToBe(By.cssSelector("#records-table th"), "textContent",
            labels.started()));
        HeadlessBrowser.screenshot(page.browser(), screenshot);
        page.click(By.id("tab-workbench"));
        page.until(ExpectedConditions.visibilityOfElementLocated(By.id("state-buttons")));
    }

    /** The top bar's switch: the page changes at once, and the account has the choice (the API says so). */
    private static void switchTo(final WorkbenchPage page, final String language, final String extension,
        final Labels labels) throws Exception
    {
        page.click(By.cssSelector(".topbar [data-lang='" + language + "']"));
        page.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", labels.lang()));
        page.until(shows("state-name", labels.idle()));
        page.until(ExpectedConditions.textToBe(By.id("tab-records"), labels.records()));
        Await.until("the account keeps " + language, () ->
        {
            final JsonNode account = api.get("/api/accounts/" + DemoAccounts.email(extension)).body();
            return account.path("language").asText();
        }, language::equals);
    }

    /** The element's text as written (the top bar's state is shown in capitals by its style). */
    private static ExpectedCondition<Boolean> shows(final String id, final String words)
    {
        return ExpectedConditions.attributeToBe(By.id(id), "textContent", words);
    }

    private static void reloadAndExpect(final WorkbenchPage page, final Labels labels)
    {
        page.browser().navigate().refresh();
        page.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", labels.lang()));
        page.until(WorkbenchPage.state("idle"));
        page.until(shows("state-name", labels.idle()));
        page.until(ExpectedConditions.textToBe(By.cssSelector("#state-idle .state-btn-name"), labels.idle()));
    }
}
