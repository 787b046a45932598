package io.switchboard.core.api;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench's static files, public: the page at {@code /}, its files under {@code /web/} with types; 404s. */
class WorkbenchEndpointsTest
{
    private final ApiRouter router = new ApiRouter();

    WorkbenchEndpointsTest()
    {
        new WorkbenchEndpoints().register(router);
    }

    private ApiResponse.Raw get(final String path) throws Exception
    {
        final ApiRouter.Match match = router.match(HttpMethod.GET, path);
        assertEquals(Access.PUBLIC, match.access(), "the page needs no log-in: " + path);
        final ApiResponse response = match.handler().handle(new ApiRequest(HttpMethod.GET, path, match.params(),
            Map.of(), new byte[0], null, null, "127.0.0.1"));
        assertEquals(200, response.status().code(), path);
        return (ApiResponse.Raw)response.body();
    }

    @Test
    void servesThePageAtTheRoot() throws Exception
    {
        final ApiResponse.Raw page = get("/");
        assertEquals("text/html; charset=utf-8", page.contentType());
        final String html = new String(page.bytes(), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!doctype html>"), html);
        assertTrue(html.contains("/web/workbench.js") && html.contains("/web/workbench.css"), html);
    }

    @Test
    void servesTheScriptAndTheStyleWithTheirTypes() throws Exception
    {
        assertEquals("text/javascript; charset=utf-8", get("/web/workbench.js").contentType());
        assertEquals("text/css; charset=utf-8", get("/web/workbench.css").contentType());
        assertEquals("text/html; charset=utf-8", get("/web/index.html").contentType());
    }

    @Test
    void refusesUnknownFilesAndNamesOutsideTheFolder()
    {
        for (final String path : new String[] {"/web/nothing.js", "/web/workbench.exe", "/web/..", "/web/.hidden.css",
            "/web/%2e%2e%2fapi%2fApiRouter.class"})
        {
            final ApiException refused = assertThrows(ApiException.class, () -> get(path), path);
            assertEquals(404, refused.status().code(), path);
            assertEquals("not_found", refused.code(), path);
        }
        final ApiException nested = assertThrows(ApiException.class, () -> get("/web/a/b.js"));
        assertEquals(404, nested.status().code());
    }
}
