package io.switchboard.core.system;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** The agents' workbench page in a test's browser: logging in, the phone choice, waiting for what it shows. */
final class WorkbenchPage
{
    private final WebDriver browser;
    private final Duration wait;

    WorkbenchPage(final WebDriver browser, final Duration wait)
    {
        this.browser = browser;
        this.wait = wait;
    }

    /**
     * The workbench of the server at {@code httpPort} opened in the browser and signed in as the demo administrator
     * (the administration shown); page loads and scripts wait at most {@code wait}.
     */
    static WorkbenchPage asAdministrator(final WebDriver browser, final int httpPort, final Duration wait)
    {
        browser.manage().timeouts().pageLoadTimeout(wait).scriptTimeout(wait);
        final WorkbenchPage page = new WorkbenchPage(browser, wait);
        browser.get("http://127.0.0.1:" + httpPort + "/");
        page.logIn(DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
        page.visible(By.id("admin-accounts"));
        return page;
    }

    /** The browser the page is in. */
    WebDriver browser()
    {
        return browser;
    }

    /** Logs in with the page's form. */
    void logIn(final String email, final String password)
    {
        final WebElement field = visible(By.id("login-email"));
        field.clear();
        field.sendKeys(email);
        browser.findElement(By.id("login-password")).clear();
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    /**
     * At an agent's first log-in in this browser the workbench asks where its calls ring: the test's agent uses its
     * (SIPp) desk phone.
     */
    void useDeskPhone()
    {
        visible(By.id("phone-dialog"));
        click(By.id("phone-desk"));
        click(By.id("phone-save"));
        // in the page's language: English or Chinese (桌面话机)
        until(ExpectedConditions.or(ExpectedConditions.textToBe(By.id("phone-status"), "desk phone"),
            ExpectedConditions.textToBe(By.id("phone-status"), "桌面话机")));
    }

    /** The agent's state as the page shows it (the body's {@code data-state}). */
    static ExpectedCondition<Boolean> state(final String state)
    {
        return ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", state);
    }

    /**
     * A toast of the kind ({@code ok}, {@code error}) whose text contains the words: any of the toasts shown, since
     * an earlier one (a save's confirmation) may still stand above it.
     */
    static By toast(final String kind, final String words)
    {
        return By.xpath("//div[@id='toasts']/div[contains(concat(' ', @class, ' '), ' toast-" + kind + " ')"
            + " and contains(., '" + words + "')]");
    }

    /**
     * Waits for the condition; an element the page redrew while the condition read it (stale) is looked up again at
     * the next poll rather than failing the test: the page re-renders lists on every event and refresh.
     */
    <T> T until(final ExpectedCondition<T> condition)
    {
        return wait(browser, wait).until(condition);
    }

    /** A wait in {@code browser} that polls again on a stale element (see {@link #until}). */
    static WebDriverWait wait(final WebDriver browser, final Duration limit)
    {
        final WebDriverWait wait = new WebDriverWait(browser, limit);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Clicks the element once it is clickable, looked up again if the page redrew it between the look-up and the
     * click (a click on a stale element fails before anything is clicked).
     */
    void click(final By by)
    {
        click(browser, wait, by);
    }

    /** The same in any browser. */
    static void click(final WebDriver browser, final Duration limit, final By by)
    {
        wait(browser, limit).until(driver ->
        {
            final WebElement element = ExpectedConditions.elementToBeClickable(by).apply(driver);
            if (element == null)
            {
                return false;
            }
            element.click();
            return true;
        });
    }

    /**
     * Selects a node by its id in a flow editor's graph ({@code editor}: vf for voice flows, cf for session flows) and
     * answers its settings, which then fill the side panel.
     */
    WebElement flowNode(final String editor, final String id)
    {
        click(By.cssSelector("#" + editor + "-graph .cfg-node[data-node='" + id + "']"));
        return visible(By.cssSelector("#" + editor + "-nodes .cf-node[data-id='" + id + "']"));
    }

    WebElement visible(final By by)
    {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(final By by)
    {
        return until(ExpectedConditions.elementToBeClickable(by));
    }
}
