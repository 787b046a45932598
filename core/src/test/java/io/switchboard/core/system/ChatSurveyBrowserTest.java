package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The satisfaction survey in real browsers (issue 16): a visitor on the demo website reaches agent A1 (its SIPp phone
 * registered, idle in its workbench), who clicks "Send survey"; the widget shows the levels as buttons, "solved?"
 * and a comment; the visitor picks 满意, yes, writes a comment and submits; the agent's button turns to the rating,
 * and after End and Finish the Records tab shows the answer in the chat's row. Screenshots in core/target/screenshots.
 */
@Timeout(180)
@ServerSystemTest.Tenant(ChatBrowsers.TENANT)
class ChatSurveyBrowserTest extends ServerSystemTest
{
    private static final Duration WAIT = ChatBrowsers.WAIT;

    private ChatBrowsers browsers;
    private WebDriver agent;
    private WebDriver visitor;
    private WorkbenchPage workbench;
    private WorkbenchPage website;

    @BeforeEach
    void openBrowsers() throws Exception
    {
        browsers = ChatBrowsers.open(server.httpPort());
        agent = browsers.agent;
        visitor = browsers.visitor;
        workbench = browsers.workbench;
        website = browsers.website;
    }

    @AfterEach
    void closeBrowsers()
    {
        if (browsers != null)
        {
            browsers.close();
        }
    }

    @Test
    void theVisitorAnswersTheSurveyInTheWidgetAndTheRecordsTabShowsIt() throws Exception
    {
        try
        {
            surveyAnsweredAndShown();
        }
        catch (final Exception | AssertionError failure)
        {
            browsers.screenshots("chat-survey-failure");
            throw failure;
        }
    }

    private void surveyAnsweredAndShown() throws Exception
    {
        final CallApi admin = new CallApi(server.httpPort());
        browsers.agentIdle("chatsurvey");
        browsers.visitorAsksForSupport();
        final long session = browsers.accept(admin);

        // the agent sends the survey; the widget shows it
        workbench.click(By.id("chat-survey"));
        workbench.until(ExpectedConditions.textToBe(By.id("chat-survey"), "Survey sent"));
        final WebElement survey = website.visible(By.className("sbc-survey"));
        final List<WebElement> levels = survey.findElements(By.className("sbc-level"));
        assertEquals(5, levels.size());
        assertEquals("满意 Satisfied", levels.get(1).getText());
        survey.findElement(By.className("sbc-submit")).click();
        website.until(d -> visitor.findElements(By.className("sbc-system")).stream()
            .anyMatch(n -> n.getText().contains("Please choose a level")));
        levels.get(1).click();
        survey.findElements(By.className("sbc-solved")).get(0).click();
        survey.findElement(By.tagName("textarea")).sendKeys("Quick and kind 很快");
        HeadlessBrowser.screenshot(visitor, "chat-survey-widget.png");
        survey.findElement(By.className("sbc-submit")).click();
        website.until(ExpectedConditions.textToBePresentInElementLocated(By.className("sbc-survey"),
            "Thank you for your feedback"));
        workbench.until(ExpectedConditions.textToBe(By.id("chat-survey"), "Rated 2/5 满意 Satisfied"));

        // End and Finish; the Records tab shows the answer in the chat's row
        workbench.click(By.id("chat-end"));
        workbench.click(By.id("confirm-yes"));
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"), "Wrap-up"));
        workbench.click(By.id("chat-finish"));
        workbench.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-none")));
        final JsonNode record = Await.until("the record with the answer", WAIT, () ->
            admin.get("/api/records/chat-" + session).body(), body -> body.has("satisfaction"));
        assertEquals("Quick and kind 很快", record.get("satisfaction").get("comment").asText(), record::toString);
        workbench.click(By.id("tab-records"));
        final By cell = By.cssSelector("#records-body tr[data-record='chat-" + session + "'] td.satisfaction");
        workbench.until(ExpectedConditions.textToBePresentInElementLocated(cell, "2/5 满意 Satisfied"));
        final String shown = agent.findElement(cell).getText();
        assertTrue(shown.contains("solved") && shown.contains("Quick and kind 很快"), shown);
        HeadlessBrowser.screenshot(agent, "chat-survey-records.png");
        assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
    }
}
