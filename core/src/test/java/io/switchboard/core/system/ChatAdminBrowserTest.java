package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;

import static io.switchboard.core.system.GroupAdministrationSystemTest.groupRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online service's administration pages in a real browser (headless Chromium): the administrator creates a
 * session flow in the graph editor (a branch node added and connected, the draft saved with the problems drawn on
 * the unfinished node, then filled in), saves and publishes it, binds a website channel to it and sees
 * the embed snippet, and sets a skill group's chat concurrency and accept timeout. Each step is checked in the API
 * too. Screenshots in core/target/screenshots.
 */
@Timeout(150)
@ServerSystemTest.Tenant(ChatAdminBrowserTest.TENANT)
class ChatAdminBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" }, { "name": "sales" } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        """;
    private static final String BRANCH = "#cf-nodes .cf-node[data-type='branch'] ";

    private static ChromeDriver browser;
    private static CallApi api;

    @BeforeAll
    static void openBrowser() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        browser = HeadlessBrowser.open(1280, 1000);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        api = new CallApi(server.httpPort());
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
    void anAdministratorBuildsAFlowBindsASiteAndSetsAGroupsChatSettings() throws Exception
    {
        try
        {
            browser.get("http://127.0.0.1:" + server.httpPort() + "/");
            visible(By.id("login-email")).sendKeys(DemoAccounts.ADMIN);
            browser.findElement(By.id("login-password")).sendKeys(DemoAccounts.ADMIN_PASSWORD);
            browser.findElement(By.id("login-submit")).click();
            visible(By.id("admin-accounts"));
            createAndPublishAFlow();
            bindAChannel();
            setAGroupsChatSettings();
        }
        catch (final Exception | AssertionError failure)
        {
            screenshot("chat-admin-failure.png");
            throw failure;
        }
    }

    private void createAndPublishAFlow() throws Exception
    {
        click(By.cssSelector(".admin-tab[data-admin='chatflows']"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("chatflows-table"), "No session flows"));
        click(By.id("cf-new"));
        visible(By.id("cf-name")).sendKeys("webshop");
        // the new flow's template: start, welcome, transfer to a person, end; drawn as four boxes
        until(d -> graphNodes() == 4);
        new Select(browser.findElement(By.id("cf-add-type"))).selectByValue("branch");
        browser.findElement(By.id("cf-add")).click();
        until(d -> graphNodes() == 5);
        new Select(node("welcome").findElement(By.cssSelector("select[data-field='next']"))).selectByValue("branch1");

        // saved unfinished: a draft, its problems drawn on the node they name
        browser.findElement(By.id("cf-save")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("cf-problems"), "branch1"));
        final WebElement drawn = visible(By.cssSelector("#cf-graph .cfg-bad[data-node='branch1'] .cfg-problem"));
        assertTrue(drawn.getText().length() > 3, "the problem's message on the node");
        assertTrue(node("branch1").getAttribute("class").contains("cf-bad"), "the node with problems is marked");
        final JsonNode draft = api.get("/api/chat/flows/webshop").body();
        assertEquals("unpublished", draft.get("state").asText(), draft::toString);
        assertEquals("branch1", draft.at("/problems/0/node").asText(), draft::toString);

        field(BRANCH + "textarea[data-field='text']").sendKeys("请回复：1 产品咨询 / Reply 1 for products");
        field(BRANCH + "textarea[data-field='wrongInput']").sendKeys("没有这个选项");
        final WebElement keywords = field(BRANCH + "input[data-field='keywords']");
        keywords.clear();
        keywords.sendKeys("1, 咨询");
        new Select(field(BRANCH + "select[data-field='next'][data-option='0']")).selectByValue("person");
        new Select(field(BRANCH + "select[data-field='errorNext']")).selectByValue("end");
        new Select(node("person").findElement(By.cssSelector("select[data-field='group']"))).selectByValue("sales");
        // the preview follows the form: the option's keywords label the arrow to the transfer
        until(d -> browser.findElements(By.cssSelector("#cf-graph .cfg-edge-label")).stream()
            .anyMatch(label -> "1, 咨询".equals(label.getText())));
        until(d -> browser.findElements(By.cssSelector("#cf-graph .cfg-title")).stream()
            .anyMatch(title -> title.getText().endsWith("→ sales")));
        browser.executeScript("document.getElementById('cf-editor').scrollIntoView()");
        screenshot("chat-admin-flow.png");

        browser.findElement(By.id("cf-save-publish")).click();
        final By row = By.xpath("//table[@id='chatflows-table']//tr[td[1][text()='webshop']]");
        until(ExpectedConditions.textToBePresentInElementLocated(row, "Published"));
        final JsonNode saved = api.get("/api/chat/flows/webshop").body();
        assertEquals("published", saved.get("state").asText(), saved::toString);
        final JsonNode branch = saved.get("flow").get("nodes").get(4);
        assertEquals("branch", branch.get("type").asText(), saved::toString);
        assertEquals("[\"1\",\"咨询\"]", branch.get("options").get(0).get("keywords").toString());
        assertEquals("person", branch.get("options").get(0).get("next").asText());
        assertEquals("branch1", saved.get("flow").get("nodes").get(1).get("next").asText());
        assertEquals("sales", saved.get("flow").get("nodes").get(2).get("group").asText());
    }

    private void bindAChannel() throws Exception
    {
        click(By.cssSelector(".admin-tab[data-admin='channels']"));
        until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ch-flow option[value='webshop']")));
        visible(By.id("ch-name")).sendKeys("shop");
        browser.findElement(By.id("ch-domain")).sendKeys("shop.example.com");
        new Select(browser.findElement(By.id("ch-flow"))).selectByValue("webshop");
        browser.findElement(By.id("ch-save")).click();
        final By row = By.xpath("//table[@id='channels-table']//tr[td[1][text()='shop']]");
        until(ExpectedConditions.textToBePresentInElementLocated(row, "shop.example.com"));
        click(By.xpath("//table[@id='channels-table']//tr[td[1][text()='shop']]//button[text()='Embed snippet']"));
        // the channel's "bound" toast may still stand above the snippet's
        until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "Snippet")));
        final String snippet = visible(By.id("ch-snippet")).getAttribute("value");
        assertEquals("<script src=\"http://127.0.0.1:" + server.httpPort() + "/web/chat-widget.js\" "
            + "data-channel=\"shop\" data-title=\"Chat with us\" data-button=\"Chat\" async></script>", snippet);
        screenshot("chat-admin-channels.png");

        final JsonNode channels = api.get("/api/chat/channels").body();
        assertEquals("webshop", channels.get(0).get("flow").asText(), channels::toString);
        assertEquals("shop.example.com", channels.get(0).get("domain").asText());
        final JsonNode flow = api.get("/api/chat/flows/webshop").body();
        assertEquals("in-use", flow.get("state").asText(), flow::toString);

        // the flow's editor says which channels run it
        click(By.cssSelector(".admin-tab[data-admin='chatflows']"));
        click(By.xpath("//table[@id='chatflows-table']//tr[td[1][text()='webshop']]//button[text()='Show']"));
        until(ExpectedConditions.textToBe(By.id("cf-used"), "Channels using this flow: shop"));
        click(By.id("cf-close"));
    }

    private void setAGroupsChatSettings() throws Exception
    {
        click(By.cssSelector(".admin-tab[data-admin='groups']"));
        final By row = By.xpath("//table[@id='groups-table']//tr[td[1][text()='support']]");
        click(By.xpath("//table[@id='groups-table']//tr[td[1][text()='support']]//button[text()='Edit']"));
        until(ExpectedConditions.attributeToBe(By.id("grp-concurrency"), "value", "3"));
        final WebElement concurrency = browser.findElement(By.id("grp-concurrency"));
        concurrency.clear();
        concurrency.sendKeys("5");
        final WebElement accept = browser.findElement(By.id("grp-accept"));
        accept.clear();
        accept.sendKeys("20");
        browser.findElement(By.id("grp-save")).click();
        until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "Group support saved.")));
        // both cells read from one drawing of the row (a redraw between them: read again)
        final List<String> cells = until(d ->
        {
            final List<String> texts = d.findElement(row).findElements(By.tagName("td")).stream()
                .map(WebElement::getText).toList();
            return texts.size() > 6 && "5".equals(texts.get(5)) ? texts : null;
        });
        assertEquals("20", cells.get(6), cells::toString);
        screenshot("chat-admin-groups.png");
        final JsonNode support = groupRow(api, "support");
        assertEquals(5, support.get("concurrency").asInt(), support::toString);
        assertEquals(20, support.get("chatAcceptTimeoutSeconds").asInt());
    }

    /** Selects the node in the graph: its settings in the side panel. */
    private static WebElement node(final String id)
    {
        click(By.cssSelector("#cf-graph .cfg-node[data-node='" + id + "']"));
        return visible(By.cssSelector("#cf-nodes .cf-node[data-id='" + id + "']"));
    }

    private static int graphNodes()
    {
        return browser.findElements(By.cssSelector("#cf-graph .cfg-node")).size();
    }

    private static WebElement field(final String css)
    {
        return visible(By.cssSelector(css));
    }

    private static <T> T until(final ExpectedCondition<T> condition)
    {
        return WorkbenchPage.wait(browser, WAIT).until(condition);
    }

    private static WebElement visible(final By by)
    {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
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
