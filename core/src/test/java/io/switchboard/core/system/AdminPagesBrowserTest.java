package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.switchboard.core.system.GroupAdministrationSystemTest.groupRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The administration pages of issue 16 in a real browser (headless Chromium), each change read back through the
 * API: quick replies imported from a CSV file through the page's file input (the table shows them) and exported by
 * the page's link (the CSV has them); the satisfaction survey's settings page (levels removed and relabelled, the
 * questions and the automatic sending changed); a skill group's post-call survey in the group form (saved, shown in
 * the table, loaded again by Edit); and a voice flow built in the IVR editor with a survey node, whose prompt comes
 * from the survey's levels: Check names the unfinished node, then the flow checks, is saved and published; and a
 * voice flow built in the graph editor (start → play → key menu → transfer or end; a node added, connected by a key
 * and removed again, its edge going with it), saved as a draft while the play node has no prompt (the problem drawn
 * on that node, the draft stored by the server with it), fixed, published, and the number bound to it shown in the
 * editor and the list. (The session flows' editor, the same editor with its own nodes: ChatAdminBrowserTest.)
 * Screenshots in core/target/screenshots.
 */
@Timeout(150)
@ServerSystemTest.Tenant(AdminPagesBrowserTest.TENANT)
class AdminPagesBrowserTest extends ServerSystemTest
{
    static final String TENANT = """
        , "acd": { "groups": [ { "name": "support" }, { "name": "sales" } ],
                   "agents": [ { "staffNo": "A1", "extension": "1001", "groups": ["support"] } ] }
        , "ivr": { "flowsDir": "target/admin-pages/flows", "audioDir": "target/admin-pages/audio",
                   "speechCacheDir": "target/admin-pages/tts" }
        """;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CSV = """
        group,title,text
        售后/After-sales,Refund,"Your refund is on its way, within 3 working days."
        售后/After-sales,,请稍等，我正在为您查询订单。
        """;
    private static final String SURVEY = "#vf-nodes .cf-node[data-type='survey'] ";

    private static ChromeDriver browser;
    private static WorkbenchPage page;
    private static CallApi api;

    @TempDir
    static Path files;

    @BeforeAll
    static void logIn() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        browser = HeadlessBrowser.open(1280, 1000);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        page = new WorkbenchPage(browser, WAIT);
        api = new CallApi(server.httpPort());
        browser.get("http://127.0.0.1:" + server.httpPort() + "/");
        page.logIn(DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD);
        page.visible(By.id("admin-accounts"));
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
    void quickRepliesAreImportedFromAFileAndExported() throws Exception
    {
        try
        {
            tab("replies");
            final Path csv = files.resolve("replies.csv");
            Files.writeString(csv, CSV, StandardCharsets.UTF_8);
            page.visible(By.id("reply-imp-file")).sendKeys(csv.toString());
            browser.findElement(By.id("reply-imp-send")).click();
            page.until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "2 repl(ies) added")));
            page.until(d -> replyShown("Your refund is on its way, within 3 working days.")
                && replyShown("请稍等，我正在为您查询订单。"));
            HeadlessBrowser.screenshot(browser, "admin-replies.png");

            final JsonNode replies = api.get("/api/quick-replies").body();
            assertEquals(2, replies.size(), replies::toString);
            assertEquals("Refund", replies.get(0).get("title").asText(), replies::toString);
            assertEquals("售后/After-sales", replies.get(1).get("group").asText(), replies::toString);

            final String href = browser.findElement(By.id("reply-export")).getAttribute("href");
            final String exported = (String)browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], { credentials: 'same-origin' }).then((r) => r.text())"
                + ".then(done, (e) => done('failed: ' + e));", href);
            assertTrue(exported.contains("售后/After-sales,Refund,\"Your refund is on its way, within 3 working days.\""),
                exported);
            assertTrue(exported.contains("请稍等，我正在为您查询订单。"), exported);
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "admin-replies-failure.png");
            throw failure;
        }
    }

    @Test
    void theSurveyTheGroupsPostCallSurveyAndAVoiceFlowsSurveyNodeAreSaved() throws Exception
    {
        try
        {
            surveySettings();
            postCallSurvey();
            groupRecording();
            voiceFlowWithASurvey();
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "admin-survey-failure.png");
            throw failure;
        }
    }

    /** Five levels to three, the third relabelled; no comment; sent by itself. */
    private void surveySettings() throws Exception
    {
        tab("survey");
        page.until(d -> levels() == 5);
        page.until(ExpectedConditions.elementSelectionStateToBe(By.id("sv-ask-comment"), true));
        for (int level = 5; level > 3; level--)
        {
            page.click(By.cssSelector("button[aria-label='Remove level " + level + "']"));
        }
        page.until(d -> levels() == 3);
        final WebElement label = browser.findElement(By.cssSelector(".sv-level[data-level='3'] [data-field='label']"));
        label.clear();
        label.sendKeys("还行");
        final WebElement english = browser.findElement(By.cssSelector(
            ".sv-level[data-level='3'] [data-field='english']"));
        english.clear();
        english.sendKeys("OK");
        browser.findElement(By.id("sv-ask-comment")).click();
        browser.findElement(By.id("sv-auto-send")).click();
        browser.findElement(By.id("sv-save")).click();
        page.until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "Survey saved: 3 levels")));
        HeadlessBrowser.screenshot(browser, "admin-survey.png");

        final JsonNode survey = api.get("/api/survey").body();
        assertEquals(3, survey.get("levels").size(), survey::toString);
        assertEquals("还行", survey.get("levels").get(2).get("label").asText(), survey::toString);
        assertEquals("OK", survey.get("levels").get(2).get("english").asText(), survey::toString);
        assertEquals("满意", survey.get("levels").get(1).get("label").asText(), survey::toString);
        assertTrue(survey.get("askSolved").asBoolean(), survey::toString);
        assertFalse(survey.get("askComment").asBoolean(), survey::toString);
        assertTrue(survey.get("autoSend").asBoolean(), survey::toString);
    }

    private void postCallSurvey() throws Exception
    {
        tab("groups");
        final By row = By.xpath("//table[@id='groups-table']//tr[td[1][text()='support']]");
        final int column = column("groups-table", "Post-call survey");
        page.until(d -> cell(row, column).equals("off"));
        page.click(By.xpath("//table[@id='groups-table']//tr[td[1][text()='support']]//button[text()='Edit']"));
        page.until(ExpectedConditions.elementSelectionStateToBe(By.id("grp-post-call-survey"), false));
        browser.findElement(By.id("grp-post-call-survey")).click();
        browser.findElement(By.id("grp-save")).click();
        page.until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "Group support saved.")));
        page.until(d -> cell(row, column).equals("on"));
        assertTrue(groupRow(api, "support").get("postCallSurvey").asBoolean(), () -> "support's postCallSurvey");
        assertFalse(groupRow(api, "sales").get("postCallSurvey").asBoolean(), () -> "sales' postCallSurvey");
        // Edit loads it again
        page.click(By.xpath("//table[@id='groups-table']//tr[td[1][text()='support']]//button[text()='Edit']"));
        page.until(ExpectedConditions.elementSelectionStateToBe(By.id("grp-post-call-survey"), true));
        HeadlessBrowser.screenshot(browser, "admin-groups-post-call-survey.png");
        browser.findElement(By.id("grp-cancel")).click();
    }

    /** The group's recording: on by default, turned off in the form, shown in the table and kept by the server. */
    private void groupRecording() throws Exception
    {
        final By row = By.xpath("//table[@id='groups-table']//tr[td[1][text()='sales']]");
        final int column = column("groups-table", "Recording");
        page.until(d -> cell(row, column).equals("on"));
        page.click(By.xpath("//table[@id='groups-table']//tr[td[1][text()='sales']]//button[text()='Edit']"));
        page.until(ExpectedConditions.elementSelectionStateToBe(By.id("grp-recording"), true));
        browser.findElement(By.id("grp-recording")).click();
        browser.findElement(By.id("grp-save")).click();
        page.until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "Group sales saved.")));
        page.until(d -> cell(row, column).equals("off"));
        assertFalse(groupRow(api, "sales").get("recording").asBoolean(), () -> "sales' recording");
        assertTrue(groupRow(api, "support").get("recording").asBoolean(), () -> "support's recording");
    }

    /** start → survey (its prompt from the tenant's 3 levels) → end; checked unfinished, then saved and published. */
    private void voiceFlowWithASurvey() throws Exception
    {
        tab("flows");
        page.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#flows-table thead")));
        page.click(By.id("vf-new"));
        page.visible(By.id("vf-name")).sendKeys("rate");
        addNode("survey");
        addNode("end");
        page.flowNode("vf", "survey1");
        final WebElement prompt = field(SURVEY + "[data-field='prompt'] [data-part='value']");
        assertEquals("Please rate our service. For Very satisfied, press 1. For Satisfied, press 2. For OK, press 3.",
            prompt.getAttribute("value"));
        assertEquals("3", field(SURVEY + "input[data-field='levels']").getAttribute("value"));
        page.flowNode("vf", "start");
        new Select(field("#vf-nodes .cf-node[data-type='start'] select[data-field='next']")).selectByValue("survey1");

        // the survey node has no "next" yet: Check names it and marks its node and its settings
        browser.findElement(By.id("vf-check")).click();
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vf-problems"),
            "survey1: a survey node needs \"next\""));
        page.visible(By.cssSelector("#vf-graph .cfg-bad[data-node='survey1']"));
        assertTrue(page.flowNode("vf", "survey1").getAttribute("class").contains("cf-bad"));

        new Select(field(SURVEY + "select[data-field='next']")).selectByValue("end1");
        final WebElement timeout = field(SURVEY + "input[data-field='timeoutSeconds']");
        timeout.clear();
        timeout.sendKeys("6");
        field(SURVEY + "input[data-field='label']").sendKeys("Rate us");
        browser.findElement(By.id("vf-check")).click();
        page.until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "The flow is valid.")));
        page.until(ExpectedConditions.invisibilityOfElementLocated(By.id("vf-problems")));
        browser.executeScript("document.getElementById('vf-editor').scrollIntoView()");
        HeadlessBrowser.screenshot(browser, "admin-voice-flow-survey.png");

        browser.findElement(By.id("vf-save-publish")).click();
        final By row = By.xpath("//table[@id='flows-table']//tr[td[1][text()='rate']]");
        page.until(ExpectedConditions.textToBePresentInElementLocated(row, "Published"));
        final JsonNode saved = api.get("/api/flows/rate").body();
        assertEquals("published", saved.get("state").asText(), saved::toString);
        final JsonNode survey = saved.get("flow").get("nodes").get(1);
        assertEquals("survey", survey.get("type").asText(), saved::toString);
        assertEquals("Rate us", survey.get("label").asText(), saved::toString);
        assertEquals(3, survey.get("levels").asInt(), saved::toString);
        assertEquals(6, survey.get("timeoutSeconds").asInt(), saved::toString);
        assertEquals("end1", survey.get("next").asText(), saved::toString);
        assertEquals("en", survey.get("prompt").get("voice").asText(), saved::toString);
        assertTrue(survey.get("prompt").get("text").asText().endsWith("For OK, press 3."), saved::toString);
        assertEquals("survey1", saved.get("flow").get("nodes").get(0).get("next").asText(), saved::toString);

        // shown again read-only, as saved
        page.click(By.xpath("//table[@id='flows-table']//tr[td[1][text()='rate']]//button[text()='Show']"));
        // the editor's title first: the cards of the form before are still in the (hidden) editor until then
        page.until(ExpectedConditions.textToBe(By.id("vf-title"), "Flow rate (Published: unpublish it to edit)"));
        page.flowNode("vf", "survey1");
        page.until(ExpectedConditions.attributeToBe(By.cssSelector(SURVEY + "input[data-field='timeoutSeconds']"),
            "value", "6"));
        assertFalse(browser.findElement(By.id("vf-save")).isEnabled(), "a published flow is not edited");
        browser.findElement(By.id("vf-close")).click();
    }

    @Test
    void aVoiceFlowIsBuiltInTheGraphSavedAsADraftWithAProblemFixedPublishedAndBound() throws Exception
    {
        try
        {
            build();
            saveADraftWithAProblem();
            fixPublishAndBind();
        }
        catch (final Exception | AssertionError failure)
        {
            HeadlessBrowser.screenshot(browser, "admin-flow-graph-failure.png");
            throw failure;
        }
    }

    /** start → play1 → branch1 (1: transfer1, 0: end1); play2 added on key 2, then removed with its edge. */
    private void build()
    {
        page.click(By.cssSelector(".admin-tab[data-admin='flows']"));
        page.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#flows-table thead")));
        page.click(By.id("vf-new"));
        page.visible(By.id("vf-name")).sendKeys("hotline");
        page.until(d -> nodes() == 1);
        for (final String type : new String[] {"play", "branch", "transfer", "end", "play"})
        {
            addNode(type);
        }
        page.until(d -> nodes() == 6);
        next("start", "play1");
        next("play1", "branch1");
        final WebElement branch = page.flowNode("vf", "branch1");
        prompt(branch, "For support press 1, to hang up press 0.");
        key("1", "transfer1");
        key("0", "end1");
        key("2", "play2");
        page.until(d -> edgeLabels().contains("|2|"));
        next("play2", "end1");

        // the node removed, its edges go: key 2 of the menu, and the graph's arrow labelled 2
        page.flowNode("vf", "play2").findElement(By.cssSelector(".cf-remove")).click();
        page.until(d -> nodes() == 5);
        page.until(d -> !edgeLabels().contains("|2|"));
        assertTrue(edgeLabels().contains("|1|") && edgeLabels().contains("|0|"), edgeLabels());
        page.until(d -> page.flowNode("vf", "branch1").findElements(By.cssSelector("[data-field='key']")).size() == 2);
        new Select(page.flowNode("vf", "transfer1").findElement(By.cssSelector("select[data-field='group']")))
            .selectByValue("sales");
        page.until(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#vf-graph .cfg-node[data-node='transfer1'] .cfg-title"), "→ sales"));
        // the recording notice before the queue: a checkbox of the transfer's settings
        page.flowNode("vf", "transfer1").findElement(By.cssSelector("input[data-field='announceRecording']")).click();
    }

    /** Saved while play1 has no prompt: the draft is kept, its problem drawn on play1. */
    private void saveADraftWithAProblem() throws Exception
    {
        page.click(By.id("vf-save"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vf-problems"),
            "play1: \"prompt\" is required"));
        final WebElement drawn = page.visible(By.cssSelector("#vf-graph .cfg-bad[data-node='play1'] .cfg-problem"));
        assertTrue(drawn.getText().startsWith("\"prompt\""), drawn.getText());
        assertEquals(1, browser.findElements(By.cssSelector("#vf-graph .cfg-bad")).size(), "only play1 is marked");
        assertTrue(page.flowNode("vf", "play1").getAttribute("class").contains("cf-bad"));
        page.until(ExpectedConditions.textToBe(By.id("vf-title"), "Edit flow hotline"));
        HeadlessBrowser.screenshot(browser, "admin-flow-graph-draft.png");

        final JsonNode draft = api.get("/api/flows/hotline").body();
        assertEquals("unpublished", draft.get("state").asText(), draft::toString);
        assertEquals("play1", draft.at("/problems/0/node").asText(), draft::toString);
        assertEquals(1, draft.get("problems").size(), draft::toString);
        final JsonNode menu = draft.at("/flow/nodes/2");
        assertEquals("{\"0\":\"end1\",\"1\":\"transfer1\"}", menu.get("keys").toString(), draft::toString);
        assertFalse(draft.toString().contains("play2"), "the removed node and its edge are gone: " + draft);
        assertTrue(draft.at("/flow/nodes/3/announceRecording").asBoolean(), draft::toString);
    }

    private void fixPublishAndBind() throws Exception
    {
        prompt(page.flowNode("vf", "play1"), "Welcome to the hotline.");
        page.click(By.id("vf-check"));
        page.until(ExpectedConditions.presenceOfElementLocated(WorkbenchPage.toast("ok", "The flow is valid.")));
        page.until(d -> d.findElements(By.cssSelector("#vf-graph .cfg-bad")).isEmpty());
        page.click(By.id("vf-save-publish"));
        final By row = By.xpath("//table[@id='flows-table']//tr[td[1][text()='hotline']]");
        page.until(ExpectedConditions.textToBePresentInElementLocated(row, "Published"));
        final JsonNode published = api.get("/api/flows/hotline").body();
        assertEquals("published", published.get("state").asText(), published::toString);
        assertEquals(0, published.get("problems").size(), published::toString);

        final CallApi.Reply bound = api.put("/api/numbers/4100", "{\"direction\":\"inbound\",\"flow\":\"hotline\"}");
        assertEquals(200, bound.status(), bound.body()::toString);
        page.click(By.cssSelector(".admin-tab[data-admin='flows']"));
        page.until(ExpectedConditions.textToBePresentInElementLocated(row, "4100"));
        page.click(By.xpath("//table[@id='flows-table']//tr[td[1][text()='hotline']]//button[text()='Show']"));
        page.until(ExpectedConditions.textToBe(By.id("vf-used"), "Numbers using this flow: 4100"));
        page.until(ExpectedConditions.textToBe(By.id("vf-title"), "Flow hotline (In use: unpublish it to edit)"));
        HeadlessBrowser.screenshot(browser, "admin-flow-graph-in-use.png");
        page.click(By.id("vf-close"));
    }

    /** Rename in a group's row asks for the new name; the row, the API and the member follow. */
    @Test
    void aGroupIsRenamedFromItsRow() throws Exception
    {
        assertEquals(201, api.post("/api/groups", "{\"name\": \"spare\"}").status());
        tab("groups");
        page.click(By.xpath("//table[@id='groups-table']//tr[td[1][text()='spare']]//button[text()='Rename']"));
        final Alert prompt = page.until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys("备用组");
        prompt.accept();
        page.until(ExpectedConditions.presenceOfElementLocated(
            WorkbenchPage.toast("ok", "Skill group spare renamed to 备用组.")));
        page.visible(By.xpath("//table[@id='groups-table']//tr[td[1][text()='备用组']]"));
        assertEquals("备用组", groupRow(api, "备用组").get("name").asText());
    }

    private static void tab(final String name)
    {
        page.click(By.cssSelector(".admin-tab[data-admin='" + name + "']"));
        page.visible(By.id("admin-" + name));
    }

    private static void addNode(final String type)
    {
        new Select(browser.findElement(By.id("vf-add-type"))).selectByValue(type);
        browser.findElement(By.id("vf-add")).click();
        page.visible(By.cssSelector("#vf-nodes .cf-node[data-type='" + type + "']"));
    }

    private static WebElement field(final String css)
    {
        return page.visible(By.cssSelector(css));
    }

    private static int levels()
    {
        return browser.findElements(By.cssSelector("#sv-levels .sv-level")).size();
    }

    private static boolean replyShown(final String text)
    {
        return browser.findElements(By.cssSelector("#replies-table input[aria-label='Reply text']")).stream()
            .anyMatch(input -> text.equals(input.getAttribute("value")));
    }

    /** The index of a table's column by its heading as written (the page shows it in capitals). */
    private static int column(final String table, final String heading)
    {
        return page.until(d ->
        {
            final var headings = d.findElements(By.cssSelector("#" + table + " thead th"));
            for (int i = 0; i < headings.size(); i++)
            {
                if (heading.equals(headings.get(i).getDomProperty("textContent")))
                {
                    return i;
                }
            }
            return null;
        });
    }

    private static String cell(final By row, final int column)
    {
        final var cells = browser.findElements(row).stream().findFirst()
            .map(r -> r.findElements(By.tagName("td"))).orElse(java.util.List.of());
        return cells.size() > column ? cells.get(column).getText() : "";
    }

    /** Connects a node's "next" to another: chosen in the side panel. */
    private static void next(final String from, final String to)
    {
        new Select(page.flowNode("vf", from).findElement(By.cssSelector("select[data-field='next']")))
            .selectByValue(to);
        page.until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#vf-graph .cfg-edge[data-from='" + from + "'][data-to='" + to + "']")));
    }

    /** A new key of the (selected) key menu leading to a node. */
    private static void key(final String key, final String to)
    {
        final By rows = By.cssSelector("#vf-nodes .vf-keys .cf-option");
        final int before = browser.findElements(rows).size();
        page.click(By.cssSelector("#vf-nodes [data-action='add-key']"));
        page.until(d -> d.findElements(rows).size() == before + 1);
        final WebElement row = browser.findElements(rows).get(before);
        final WebElement input = row.findElement(By.cssSelector("input[data-field='key']"));
        input.clear();
        input.sendKeys(key);
        new Select(row.findElement(By.cssSelector("select[data-field='key-next']"))).selectByValue(to);
        page.until(d -> edgeLabels().contains("|" + key + "|"));
    }

    private static void prompt(final WebElement node, final String text)
    {
        final WebElement value = node.findElement(By.cssSelector("[data-field='prompt'] [data-part='value']"));
        value.clear();
        value.sendKeys(text);
    }

    private static int nodes()
    {
        return browser.findElements(By.cssSelector("#vf-graph .cfg-node")).size();
    }

    /** The graph's edge labels, each between bars: "|1||0|". */
    private static String edgeLabels()
    {
        final StringBuilder labels = new StringBuilder();
        browser.findElements(By.cssSelector("#vf-graph .cfg-edge-label"))
            .forEach(label -> labels.append('|').append(label.getText()).append('|'));
        return labels.toString();
    }
}
