package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Images, files and message search in real browsers (issue 16): a visitor on the demo website reaches agent A1 (its
 * SIPp phone registered, idle in its workbench, accepting); the visitor sends a small PNG made here through the
 * widget's file input and the agent's chat panel shows it as a thumbnail that loads (the image's own size); the agent
 * sends a text file through the panel's file input and the widget shows its link, which gives the visitor the
 * file's bytes. Then the agent searches the messages in the Records tab for a word the visitor wrote, opens the
 * result, and the chat panel shows the conversation with that message marked. Screenshots in core/target/screenshots.
 */
@Timeout(180)
@ServerSystemTest.Tenant(ChatBrowsers.TENANT)
class ChatFilesBrowserTest extends ServerSystemTest
{
    private static final String NOTES = "Order 4711: the parcel left the depot on Monday.\n";
    private static final String WORD = "zebracorn";

    private ChatBrowsers browsers;

    @TempDir
    Path files;

    @BeforeEach
    void openBrowsers() throws Exception
    {
        browsers = ChatBrowsers.open(server.httpPort());
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
    void imagesAndFilesGoBothWaysAndASearchOpensTheChatAtTheMessage() throws Exception
    {
        try
        {
            final CallApi admin = new CallApi(server.httpPort());
            browsers.agentIdle("chatfiles");
            browsers.visitorAsksForSupport();
            final long session = browsers.accept(admin);
            visitorSendsAnImage();
            agentSendsAFile();
            searchAndOpen(admin, session);
            browsers.workbench.click(By.id("chat-end"));
            browsers.workbench.click(By.id("confirm-yes"));
            browsers.workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-state"),
                "Wrap-up"));
            browsers.workbench.click(By.id("chat-finish"));
            browsers.workbench.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-none")));
            assertEquals(200, admin.post("/api/agents/A1/state", "{\"state\":\"offline\"}").status());
        }
        catch (final Exception | AssertionError failure)
        {
            browsers.screenshots("chat-files-failure");
            throw failure;
        }
    }

    /** A 40x30 PNG through the widget's file input: a thumbnail in both windows, loaded at the image's size. */
    private void visitorSendsAnImage() throws Exception
    {
        final BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        final var graphics = image.createGraphics();
        graphics.setColor(new Color(0x2563eb));
        graphics.fillRect(0, 0, 40, 30);
        graphics.dispose();
        final Path png = files.resolve("blue.png");
        ImageIO.write(image, "png", png.toFile());

        browsers.visitor.findElement(By.cssSelector(".sbc-form input[type='file']")).sendKeys(png.toString());
        browsers.website.until(d -> loadedWidth(d, ".sbc-msg.sbc-visitor img.sbc-thumb") == 40);
        browsers.workbench.until(d -> loadedWidth(d, "#chat-messages .chat-msg.from-visitor img.chat-thumb") == 40);
        assertEquals("blue.png", browsers.agent.findElement(By.cssSelector(
            "#chat-messages .chat-msg.from-visitor img.chat-thumb")).getAttribute("alt"));
        browsers.scrollToChats();
        browsers.screenshots("chat-files-image");
    }

    /** A text file through the chat panel's file input: the widget's link to it gives the visitor its bytes. */
    private void agentSendsAFile() throws Exception
    {
        final Path notes = files.resolve("notes.txt");
        Files.writeString(notes, NOTES, StandardCharsets.UTF_8);
        browsers.agent.findElement(By.id("chat-file-input")).sendKeys(notes.toString());
        browsers.workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-messages .chat-msg.from-agent a.chat-file"), "notes.txt"));
        final By link = By.xpath("//div[contains(@class, 'sbc-msg') and contains(@class, 'sbc-agent')]"
            + "/a[contains(., 'notes.txt')]");
        final WebElement shown = browsers.website.visible(link);
        final Object body = ((JavascriptExecutor)browsers.visitor).executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then((r) => r.text()).then(done, (e) => done('failed: ' + e));",
            shown.getAttribute("href"));
        assertEquals(NOTES, body);
        browsers.screenshots("chat-files-file");
    }

    /** The Records tab's message search finds the visitor's word; its result opens the live chat at the message. */
    private void searchAndOpen(final CallApi admin, final long session) throws Exception
    {
        browsers.say("My parcel has a " + WORD + " sticker on it.");
        browsers.workbench.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
            "#chat-messages .chat-msg.from-visitor:last-child"), WORD));
        final JsonNode found = admin.get("/api/chat-messages?q=" + WORD).body().get("results");
        assertEquals(1, found.size(), found::toString);
        assertEquals(session, found.get(0).get("sessionId").asLong(), found::toString);
        final String messageId = found.get(0).get("messageId").asText();

        browsers.workbench.click(By.id("tab-records"));
        final WebElement query = browsers.workbench.visible(By.id("msg-search-q"));
        query.clear();
        query.sendKeys(WORD.toUpperCase(java.util.Locale.ROOT));
        browsers.agent.findElement(By.id("msg-search-send")).click();
        browsers.workbench.until(ExpectedConditions.textToBe(By.id("msg-search-status"), "1 message(s)"));
        final WebElement result = browsers.workbench.visible(By.cssSelector("#msg-search-results li"));
        assertEquals(true, result.getText().contains(WORD), result::getText);
        HeadlessBrowser.screenshot(browsers.agent, "chat-files-search.png");
        result.findElement(By.tagName("button")).click();

        final By hit = By.cssSelector("#chat-messages .chat-msg.search-hit[data-id='" + messageId + "']");
        browsers.workbench.until(ExpectedConditions.visibilityOfElementLocated(hit));
        browsers.workbench.until(ExpectedConditions.textToBePresentInElementLocated(hit, WORD));
        browsers.scrollToChats();
        HeadlessBrowser.screenshot(browsers.agent, "chat-files-search-opened.png");
    }

    /** The natural width of the last image matching css once it has loaded; 0 before. */
    private static long loadedWidth(final WebDriver browser, final String css)
    {
        final Object width = ((JavascriptExecutor)browser).executeScript(
            "const all = document.querySelectorAll(arguments[0]); const img = all[all.length - 1];"
            + "return img && img.complete ? img.naturalWidth : 0;", css);
        return width instanceof Number number ? number.longValue() : 0;
    }
}
