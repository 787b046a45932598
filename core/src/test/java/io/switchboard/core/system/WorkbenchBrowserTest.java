package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agents' web workbench in a real browser: Selenium drives Debian's headless chromium (through its chromedriver)
 * against the running server, with SIPp phones for the agents and a SIPp caller of the queue. The agent logs in on
 * the page, goes idle, sees the incoming call bar with the caller's number and the countdown, answers with the
 * button (its phone picks up the intercom call), sees the call panel, holds the caller (checked in the API),
 * transfers the call to a colleague from the transfer dialog; after the call the colleague, who took it last, finds
 * its service record in the records tab. An administrator creates an account, resets its password, opens every
 * list, the settings and the screen pops, adds a quick reply; the account's owner changes its password. Screenshots
 * are saved in {@code core/target/screenshots}.
 * <p>
 * Skipped only where chromium or chromedriver is not installed ({@code scripts/test.sh} installs both).
 */
@Timeout(180)
@ServerSystemTest.Tenant(WorkbenchBrowserTest.TENANT)
class WorkbenchBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Agents A1 (1001, the one at the browser) and A2 (1002) take the calls of support (4000). */
    static final String TENANT = """
        , "acd": { "ringTimeoutSeconds": 20, "wrapUpSeconds": 2,
            "groups": [ { "name": "support", "fallback": "hangup" } ],
            "agents": [
              { "staffNo": "A1", "name": "Agent One", "extension": "1001", "groups": ["support"] },
              { "staffNo": "A2", "name": "Agent Two", "extension": "1002", "groups": ["support"] }
            ],
            "numbers": [ { "number": "4000", "group": "support" } ]
          },
          "screenPops": [ { "name": "CRM", "url": "http://127.0.0.1:9/crm?phone={caller}&call={callId}" } ]
        """;

    private static CallApi api;
    private static WebDriver browser;
    private static final Map<String, Integer> PHONES = new HashMap<>();
    private final List<Sipp> sipps = new ArrayList<>();

    @BeforeAll
    static void openBrowser() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        api = new CallApi(server.httpPort());
        for (final String extension : List.of("1001", "1002"))
        {
            PHONES.put(extension, registerPhone("web", extension));
        }
        browser = HeadlessBrowser.open(1280, 800);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
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

    /** Each test opens the page without a session: the log-in form. */
    @BeforeEach
    void openThePage()
    {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        visible("login-email");
    }

    /** Whatever the test did: no call is left, every SIPp is gone, the agents are offline. */
    @AfterEach
    void cleanUp() throws Exception
    {
        hangUpEverything(api, sipps);
        for (final String agent : List.of("A1", "A2"))
        {
            assertEquals(200, api.post("/api/agents/" + agent + "/state", "{\"state\":\"offline\"}").status(), agent);
        }
    }

    @Test
    void anAgentTakesACallHoldsItTransfersItAndFindsItsRecord() throws Exception
    {
        try
        {
            takeHoldTransferAndFindTheRecord();
        }
        catch (final Exception | AssertionError failure)
        {
            screenshot("failure.png");
            throw failure;
        }
    }

    /**
     * 继续话后整理: in wrap-up (a direct call the ACD hears of, extended so that the 2 s countdown cannot end it
     * first) the agent clicks Keep wrapping up: the page counts up, without +30 s and Keep, until End.
     */
    @Test
    void aWrapUpKeptOpenCountsUpUntilTheAgentEndsIt() throws Exception
    {
        // the phone choice is kept per account in localStorage: this test leaves none behind for the others
        forgetPhoneChoices();
        try
        {
            keepAWrapUpOpenThenEndIt();
        }
        finally
        {
            forgetPhoneChoices();
        }
    }

    private static void forgetPhoneChoices()
    {
        ((org.openqa.selenium.JavascriptExecutor)browser).executeScript("localStorage.clear()");
    }

    private void keepAWrapUpOpenThenEndIt() throws Exception
    {
        logIn(DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        useDeskPhone();
        until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
        click(By.id("state-idle"));
        until(state("idle"));
        final int agentId = server.agents().agentByStaffNo("A1").id();
        server.acd().directStart(agentId).get(5, java.util.concurrent.TimeUnit.SECONDS);
        server.acd().directEnded(agentId).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, api.post("/api/agents/A1/wrap-up/extend", "{\"seconds\":60}").status());
        until(state("wrap-up"));
        visible("wrapup-keep");
        click(By.id("wrapup-keep"));
        until(ExpectedConditions.textToBe(By.id("wrapup-label"), "Wrap-up kept"));
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("wrapup-keep")));
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("wrapup-extend")));
        assertTrue(api.agent("A1").get("wrapUpKept").asBoolean());
        final String counted = text("wrapup-seconds");
        assertTrue(counted.matches("\\d+:\\d\\d"), "a count-up clock: " + counted);
        until((org.openqa.selenium.support.ui.ExpectedCondition<Boolean>)driver ->
            !text("wrapup-seconds").equals(counted));
        screenshot("workbench-wrapup-kept.png");
        click(By.id("wrapup-end"));
        until(state("idle"));
        assertEquals("idle", api.agent("A1").get("state").asText());
    }

    @Test
    void anAdministratorCreatesAnAccountWhoseOwnerChangesItsPassword() throws Exception
    {
        try
        {
            createResetAndChangeAPassword();
        }
        catch (final Exception | AssertionError failure)
        {
            screenshot("failure-admin.png");
            throw failure;
        }
    }

    private void takeHoldTransferAndFindTheRecord() throws Exception
    {
        // log in (an agent has no administration) and go idle
        logIn(DemoAccounts.email("1001"), DemoAccounts.password("1001"));
        useDeskPhone();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-meta"), "A1"));
        assertTrue(!browser.findElement(By.id("tab-admin")).isDisplayed(), "an agent has no administration tab");
        until(ExpectedConditions.textToBe(By.id("conn"), "● Live"));
        click(By.id("state-idle"));
        until(state("idle"));
        assertEquals("idle", api.agent("A1").get("state").asText());

        // a caller of the queue: the incoming call bar with its number, what it dialled, the countdown, the pop
        sipps.add(phone("1001", "acd/agent-answer-on-intercom.xml", 2));
        final Sipp colleague = phone("1002", "acd/agent-answer.xml", 1);
        sipps.add(colleague);
        final Sipp caller = Sipp.scenario("web-caller-1011", "acd/caller.xml").credentials("1011", "demo-1011")
            .service("4000").port(Sipp.freeUdpPort()).arg("-mp", Integer.toString(Sipp.freeMediaPort()))
            .start(server.sipUdpPort());
        sipps.add(caller);
        visible("offer-bar");
        assertEquals("1011", text("offer-caller"));
        assertEquals("4000", text("offer-number"));
        final int countdown = Integer.parseInt(text("offer-seconds"));
        assertTrue(countdown > 0 && countdown <= 20, "countdown " + countdown);
        final WebElement pop = browser.findElement(By.cssSelector("#offer-pops a"));
        assertEquals("_blank", pop.getAttribute("target"));
        assertTrue(pop.getAttribute("href").contains("phone=1011"), pop.getAttribute("href"));
        assertEquals("ringing", browser.findElement(By.tagName("body")).getDomAttribute("data-state"));
        screenshot("workbench-offer.png");

        // answer with the button: the phone picks up, the call panel shows the caller
        click(By.id("offer-answer"));
        until(ExpectedConditions.textToBe(By.id("call-party"), "1011"));
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("offer-bar")));
        until(state("on-call"));
        final long id = api.agent("A1").get("call").asLong();
        assertTrue(text("call-meta").contains("dialled 4000"), text("call-meta"));

        // hold the customer: the caller's leg is held in the API
        click(By.id("call-hold"));
        until(ExpectedConditions.attributeToBe(By.id("call-hold"), "aria-pressed", "true"));
        final JsonNode held = api.call(id);
        assertTrue(held.at("/caller/held").asBoolean(), held::toString);
        assertEquals("On hold", text("call-status"));
        screenshot("workbench.png");
        new Actions(browser).keyDown(Keys.ALT).sendKeys("h").keyUp(Keys.ALT).perform();
        until(ExpectedConditions.attributeToBe(By.id("call-hold"), "aria-pressed", "false"));
        assertTrue(!api.call(id).at("/caller/held").asBoolean(), "resumed with Alt+H");

        // the self-service picker lists the published flows an agent may use (none here), then Esc closes it
        click(By.id("call-selfservice"));
        until(ExpectedConditions.textToBe(By.cssSelector("#selfservice-flows li"), "No published flow."));
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("selfservice-dialog")));

        // transfer to the colleague, chosen among the agents with their states
        assertEquals(200, api.post("/api/agents/A2/state", "{\"state\":\"idle\"}").status());
        click(By.id("call-transfer"));
        visible("transfer-extension").sendKeys("1999", Keys.ENTER);
        visible(WorkbenchPage.toast("error", "Not transferred: "));
        click(By.cssSelector("#transfer-agents button[data-agent='A2']"));
        visible("call-empty");
        api.awaitAgent("A2", "on call", a -> "on-call".equals(a.get("state").asText()));
        api.awaitCall(id, "bridged to A2's phone", c -> "1002".equals(c.at("/callee/party").asText()));
        until(ExpectedConditions.or(state("wrap-up"), state("idle")));

        // the caller hangs up; the record of the call is in the records tab
        api.dtmf(id, "caller", "0");
        assertEquals(0, caller.await(20), caller::traces);
        assertEquals(0, colleague.await(20), colleague::traces);
        awaitNoActiveCalls();
        // the record is the colleague's, who took the call last (an agent sees its own records only)
        screenshot("workbench-after.png");
        click(By.id("logout"));
        logIn(DemoAccounts.email("1002"), DemoAccounts.password("1002"));
        useDeskPhone();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-meta"), "A2"));
        click(By.id("tab-records"));
        final By row = By.cssSelector("#records-body tr[data-record='" + id + "']");
        final String what = "the record of call " + id + " in the records tab";
        WorkbenchPage.wait(browser, WAIT).withMessage(what).until(driver ->
        {
            if (!driver.findElements(row).isEmpty())
            {
                return true;
            }
            driver.findElement(By.id("rec-search")).click();
            return false;
        });
        final String record = browser.findElement(row).getText();
        assertTrue(record.contains("1011") && record.contains("4000") && record.contains("A2")
            && record.contains("support") && record.contains("agent:"), record);
        // the call's SIP trace, as text and pcap, from its row
        final String trace = browser.findElement(row).findElement(By.linkText("SIP trace")).getAttribute("href");
        assertTrue(trace.endsWith("/api/records/" + id + "/trace"), trace);
        assertTrue(browser.findElement(row).findElement(By.linkText("pcap")).getAttribute("href")
            .endsWith("/api/records/" + id + "/trace.pcap"), record);
        screenshot("records.png");
    }

    private void createResetAndChangeAPassword() throws Exception
    {
        logIn(DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
        visible("admin-accounts");
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts-table"), "1001@demo.switchboard"));
        final String email = "new.agent@demo.switchboard";
        visible("acc-email").sendKeys(email);
        browser.findElement(By.id("acc-name")).sendKeys("New Agent");
        browser.findElement(By.id("acc-create")).click();
        final String first = visible("secret-value").getText();
        assertTrue(first.length() >= 8 && !first.contains(" "), "a first password: " + first);
        screenshot("administration.png");
        browser.findElement(By.cssSelector("#secret-dialog button[value='ok']")).click();
        final By row = By.xpath("//table[@id='accounts-table']//tr[td[1][text()='" + email + "']]");
        visible(row).findElement(By.xpath(".//button[text()='Reset password']")).click();
        click(By.id("confirm-yes"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("secret-title"), "Password reset"));
        final String reset = visible("secret-value").getText();
        assertTrue(!reset.equals(first), "a new password");
        browser.findElement(By.cssSelector("#secret-dialog button[value='ok']")).click();
        // the read-only lists load (none with an error; this tenant has no trunks, flows or flow numbers)
        final Map<String, String> lists = Map.of("groups", "support", "agents", "Agent Two", "trunks", "",
            "flows", "", "numbers", "");
        for (final Map.Entry<String, String> list : lists.entrySet())
        {
            click(By.cssSelector(".admin-tab[data-admin='" + list.getKey() + "']"));
            final By table = By.cssSelector("#" + list.getKey() + "-table tbody");
            until(ExpectedConditions.textToBePresentInElementLocated(table, list.getValue()));
            assertTrue(browser.findElements(By.cssSelector("#" + list.getKey() + "-table .form-error")).isEmpty(),
                () -> list.getKey() + ": " + browser.findElement(table).getText());
        }
        createAnAgentAndAGroupWithIt();
        // the call center's settings, its screen-pop pages (one configured), a new quick reply
        click(By.cssSelector(".admin-tab[data-admin='settings']"));
        until(ExpectedConditions.attributeToBe(By.id("set-ring"), "value", "20"));
        click(By.cssSelector(".admin-tab[data-admin='pops']"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("pops-table"), "CRM"));
        screenshot("administration-screen-pops.png");
        click(By.cssSelector(".admin-tab[data-admin='replies']"));
        visible("reply-group").sendKeys("Greetings");
        visible("reply-text").sendKeys("Thank you for calling", Keys.ENTER);
        until(ExpectedConditions.attributeToBe(By.cssSelector("#replies-table td input[aria-label='Reply text']"),
            "value", "Thank you for calling"));
        until(ExpectedConditions.attributeToBe(By.cssSelector("#replies-table td input[aria-label='Reply group']"),
            "value", "Greetings"));
        click(By.id("logout"));

        // the new account signs in with the reset password (the first one no longer works) and changes it
        logIn(email, first);
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "password"));
        logIn(email, reset);
        until(ExpectedConditions.textToBe(By.id("user-name"), "New Agent"));
        click(By.id("password-open"));
        visible("pw-current").sendKeys(reset);
        browser.findElement(By.id("pw-new")).sendKeys("Changed#42x");
        browser.findElement(By.id("pw-repeat")).sendKeys("Changed#42");
        browser.findElement(By.id("pw-submit")).click();
        until(ExpectedConditions.textToBe(By.id("pw-error"), "The new password and its repetition differ."));
        browser.findElement(By.id("pw-repeat")).sendKeys("x");
        browser.findElement(By.id("pw-submit")).click();
        until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "Your password was changed.")));
        click(By.id("logout"));
        logIn(email, "Changed#42x");
        until(ExpectedConditions.textToBe(By.id("user-name"), "New Agent"));
        click(By.id("logout"));
        visible("login-email");
    }

    /** Through the administration's forms: a new agent (its first password shown), a new group, the agent in it. */
    private void createAnAgentAndAGroupWithIt() throws Exception
    {
        // the tab's own load first: a reload still under way when the saved agent's reload ends would overwrite it
        click(By.cssSelector(".admin-tab[data-admin='agents']"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#agents-table tbody"), "Agent Two"));
        visible("agt-staff").sendKeys("A9");
        browser.findElement(By.id("agt-name")).sendKeys("Agent Nine");
        browser.findElement(By.id("agt-email")).sendKeys("agent.nine@demo.switchboard");
        browser.findElement(By.id("agt-nickname")).sendKeys("Nine");
        browser.findElement(By.id("agt-extension")).sendKeys("1009");
        browser.findElement(By.id("agt-save")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("secret-title"), "Agent created"));
        final String first = visible("secret-value").getText();
        assertTrue(first.length() >= 8 && !first.contains(" "), "a first password: " + first);
        browser.findElement(By.cssSelector("#secret-dialog button[value='ok']")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#agents-table tbody"),
            "Agent Nine"));

        click(By.cssSelector(".admin-tab[data-admin='groups']"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#groups-table tbody"), "support"));
        visible("grp-name").sendKeys("billing");
        browser.findElement(By.id("grp-max-queue")).clear();
        browser.findElement(By.id("grp-max-queue")).sendKeys("5");
        browser.findElement(By.id("grp-save")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#groups-table tbody"), "billing"));
        until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#mem-group option[value='billing']")));
        // each load of the groups redraws the list's options: chosen again until the choice holds
        until(d ->
        {
            final org.openqa.selenium.support.ui.Select group =
                new org.openqa.selenium.support.ui.Select(d.findElement(By.id("mem-group")));
            group.selectByValue("billing");
            return "billing".equals(d.findElement(By.id("mem-group")).getDomProperty("value"));
        });
        browser.findElement(By.id("mem-agent")).sendKeys("A9");
        browser.findElement(By.id("mem-add")).click();
        final By billingRow = By.xpath("//table[@id='groups-table']//tr[td[1][text()='billing']]");
        until(ExpectedConditions.textToBePresentInElementLocated(billingRow, "A9"));
        screenshot("admin.png");

        final JsonNode agent = api.get("/api/agents/A9").body();
        final JsonNode record = agent.has("agent") ? agent.get("agent") : agent;
        assertEquals("Agent Nine", record.path("name").asText(), agent::toString);
        assertTrue(record.path("groups").toString().contains("billing"), agent::toString);
        boolean found = false;
        for (final JsonNode group : api.get("/api/groups").body())
        {
            if ("billing".equals(group.path("name").asText()))
            {
                found = true;
                assertEquals(5, group.path("maxQueueLength").asInt(), group::toString);
                assertEquals(1, group.path("members").asInt(), group::toString);
            }
        }
        assertTrue(found, "the group billing exists");
    }

    /** At an agent's first log-in in this browser: its calls ring on its (SIPp) desk phone. */
    private static void useDeskPhone()
    {
        new WorkbenchPage(browser, WAIT).useDeskPhone();
    }

    private static void logIn(final String email, final String password)
    {
        new WorkbenchPage(browser, WAIT).logIn(email, password);
    }

    private Sipp phone(final String extension, final String scenario, final int calls) throws Exception
    {
        return Sipp.scenario("web-phone-" + extension, scenario).calls(calls).port(PHONES.get(extension))
            .arg("-mp", Integer.toString(Sipp.freeMediaPort())).start(0);
    }

    private static <T> T until(final org.openqa.selenium.support.ui.ExpectedCondition<T> condition)
    {
        return WorkbenchPage.wait(browser, WAIT).until(condition);
    }

    /** The agent's state as the page shows it (the body's {@code data-state}). */
    private static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> state(final String state)
    {
        return ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", state);
    }

    private static WebElement visible(final String id)
    {
        return visible(By.id(id));
    }

    private static WebElement visible(final By by)
    {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }



    private static String text(final String id)
    {
        return browser.findElement(By.id(id)).getText();
    }

    private static void screenshot(final String name) throws Exception
    {
        HeadlessBrowser.screenshot(browser, name);
    }

    /** Clicks once clickable, looked up again if the page redrew it meanwhile. */
    private static void click(final By by)
    {
        WorkbenchPage.click(browser, WAIT, by);
    }
}
