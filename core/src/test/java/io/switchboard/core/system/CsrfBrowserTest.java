package io.switchboard.core.system;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.core.SwitchboardServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A forged change in a real browser: an administrator signed in to the workbench visits a page of another origin on
 * the same host (another port: the same site, so {@code SameSite=Strict} lets the session cookie go) whose form posts
 * a JSON-looking {@code text/plain} body to {@code POST /api/me}. The API refuses it (403 {@code csrf}: the session
 * was recognised, the change was not made), while the workbench's own fetch helper changes the same setting.
 */
@Tag("system")
@Timeout(120)
class CsrfBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldRefuseAFormOfAnotherOriginWhileThePageItselfWorks() throws Exception
    {
        HeadlessBrowser.assumeInstalled();
        try (SwitchboardServer server = TestServers.start())
        {
            final HttpServer foreign = foreignPage("http://127.0.0.1:" + server.httpPort() + "/api/me");
            final WebDriver browser = HeadlessBrowser.open(1280, 900);
            try
            {
                forge(server, browser, foreign.getAddress().getPort());
            }
            finally
            {
                browser.quit();
                foreign.stop(0);
            }
        }
    }

    private static void forge(final SwitchboardServer server, final WebDriver browser, final int foreignPort)
        throws Exception
    {
        final String api = "http://127.0.0.1:" + server.httpPort();
        WorkbenchPage.asAdministrator(browser, server.httpPort(), WAIT);

        // the page's own helper (workbench-base.js api()) sends X-Requested-With with the cookie
        final Object own = ((JavascriptExecutor)browser).executeAsyncScript("const done = arguments[0];"
            + "api('POST', '/api/me', { language: 'en' })"
            + ".then((me) => done(me.language), (e) => done('failed: ' + e));");
        assertEquals("en", own);

        browser.get("http://127.0.0.1:" + foreignPort + "/attack.html");
        // the API's answer, whatever it is, shown as the page the form navigated to
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().startsWith(api + "/api/me")
            && "complete".equals(((JavascriptExecutor)driver).executeScript("return document.readyState"))
            && driver.getPageSource().contains("}"));
        final String answer = browser.getPageSource();
        assertTrue(answer.contains("\"csrf\""), "the forged change is refused as csrf (the cookie went with it): "
            + answer);

        final LoopbackHttp client = new LoopbackHttp("127.0.0.1", server.httpPort());
        final String token = client.login(DemoAccounts.ADMIN, DemoAccounts.ADMIN_PASSWORD).body().get("token")
            .asText();
        assertEquals("en", client.get("/api/me", token).body().path("language").asText(), "nothing changed");
    }

    /** A page of another origin (127.0.0.1, another port) whose form posts itself to {@code target} at once. */
    private static HttpServer foreignPage(final String target) throws Exception
    {
        final HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final byte[] html = ("<!doctype html><html><body>"
            + "<form method='POST' action='" + target + "' enctype='text/plain'>"
            + "<input type='hidden' name='{\"language\":\"zh-CN\",\"x\":\"' value='\"}'></form>"
            + "<script>document.forms[0].submit();</script></body></html>").getBytes(StandardCharsets.UTF_8);
        page.createContext("/attack.html", exchange ->
        {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        page.start();
        return page;
    }
}
