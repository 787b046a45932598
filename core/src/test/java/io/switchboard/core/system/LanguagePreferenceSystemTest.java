package io.switchboard.core.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench's language kept with the account ({@code POST}/{@code PATCH /api/me} {@code {"language"}}): it is
 * returned by {@code GET /api/me} and by the log-in answer of any later session (another browser), a value other
 * than en, zh-CN or null is refused with a clear code, null goes back to the browser's, and it is one's own: a
 * request without a session is refused. The browser side is WorkbenchLanguageBrowserTest.
 */
@Timeout(60)
@ServerSystemTest.Tenant(AuthSystemTest.ACD)
class LanguagePreferenceSystemTest extends ServerSystemTest
{
    private static LoopbackHttp client()
    {
        return new LoopbackHttp("127.0.0.41", server.httpPort());
    }

    private static String signIn(final LoopbackHttp client) throws Exception
    {
        final LoopbackHttp.Reply login = client.login(DemoAccounts.email("1005"), DemoAccounts.password("1005"));
        assertEquals(200, login.status(), login.body()::toString);
        return login.body().get("token").asText();
    }

    @Test
    void theChosenLanguageFollowsTheAccountToAnotherSession() throws Exception
    {
        final LoopbackHttp client = client();
        final String token = signIn(client);
        assertTrue(client.get("/api/me", token).body().get("language").isNull(), "no choice yet");

        final LoopbackHttp.Reply set = client.post("/api/me", token, "{\"language\": \"zh-CN\"}");
        assertEquals(200, set.status(), set.body()::toString);
        assertEquals("zh-CN", set.body().get("language").asText());
        assertEquals("zh-CN", client.get("/api/me", token).body().get("language").asText());

        // another browser: a new session of the same account has it in its log-in answer
        final LoopbackHttp.Reply other = client.login(DemoAccounts.email("1005"), DemoAccounts.password("1005"));
        assertEquals("zh-CN", other.body().get("account").get("language").asText(), other.body()::toString);
        final String second = other.body().get("token").asText();

        final LoopbackHttp.Reply patched = client.send("PATCH", "/api/me", Map.of(), second, "{\"language\": \"en\"}");
        assertEquals(200, patched.status(), patched.body()::toString);
        assertEquals("en", client.get("/api/me", token).body().get("language").asText(), "every session sees it");

        final LoopbackHttp.Reply kept = client.post("/api/me", token, "{\"name\": \"ignored\"}");
        assertEquals("en", kept.body().get("language").asText(), "a field left out is kept");

        final LoopbackHttp.Reply cleared = client.post("/api/me", token, "{\"language\": null}");
        assertEquals(200, cleared.status(), cleared.body()::toString);
        assertTrue(cleared.body().get("language").isNull(), cleared.body()::toString);
    }

    @Test
    void otherLanguagesAndBadBodiesAreRefusedClearly() throws Exception
    {
        final LoopbackHttp client = client();
        final String token = signIn(client);
        for (final String body : new String[] {"{\"language\": \"fr\"}", "{\"language\": 7}",
            "{\"language\": [\"en\"]}", "{\"language\": \"zh-cn \"}"})
        {
            final LoopbackHttp.Reply refused = client.post("/api/me", token, body);
            assertEquals(400, refused.status(), body);
            assertEquals("bad_language", refused.error(), body);
        }
        for (final String body : new String[] {"[]", "not json"})
        {
            final LoopbackHttp.Reply refused = client.post("/api/me", token, body);
            assertEquals(400, refused.status(), body);
            assertEquals("bad_request", refused.error(), body);
        }
        final JsonNode me = client.get("/api/me", token).body();
        assertTrue(me.get("language").isNull() || "en".equals(me.get("language").asText()), me::toString);

        final LoopbackHttp.Reply anonymous = client.post("/api/me", null, "{\"language\": \"en\"}");
        assertEquals(401, anonymous.status(), anonymous.body()::toString);
    }
}
